/**
 * Who the client is, for rate limits. The front (lib/server/front.ts) decides it once from the socket, believing
 * X-Forwarded-For only for hops listed in TRUSTED_PROXIES, and overwrites the header with that one address; every
 * limiter behind it reads it with `clientAddress`. Pure: proxy.ts and the auth handler use it too.
 */
import { BlockList, isIP } from "node:net";

export type TrustedProxies = { check(address: string): boolean; text: string };

/** "10.0.0.0/8, 192.168.1.5, ::1" → a matcher. Refuses anything that is not an address or a CIDR, naming it. */
export function parseTrustedProxies(text: string | undefined): TrustedProxies {
  const list = new BlockList();
  for (const entry of (text ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address, bits, extra] = entry.split("/");
    const family = isIP(address);
    const prefix = bits === undefined ? null : Number(bits);
    const maxBits = family === 6 ? 128 : 32;
    if (
      !family ||
      extra !== undefined ||
      (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= maxBits)) ||
      bits === ""
    ) {
      throw new Error(`TRUSTED_PROXIES entry '${entry}' is not an IP address or CIDR (e.g. 10.0.0.0/8, 192.168.1.5, ::1)`);
    }
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === null) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return { check: (address) => matches(list, address), text: text ?? "" };
}

function matches(list: BlockList, address: string): boolean {
  const plain = unmapped(address);
  const family = isIP(plain);
  return family !== 0 && list.check(plain, family === 6 ? "ipv6" : "ipv4");
}

/** "::ffff:1.2.3.4" (an IPv4 client on a dual-stack socket) → "1.2.3.4". */
function unmapped(address: string): string {
  const m = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  return m ? m[1] : address;
}

/**
 * The client's address: the socket's peer, or — while that peer is a trusted proxy — the hop it reports in
 * X-Forwarded-For, walking from the right. Entries left of the first untrusted hop are the client's own claims.
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trusted: TrustedProxies): string {
  let current = unmapped(socketAddress ?? "unknown");
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  while (trusted.check(current) && hops.length > 0) {
    const next = unmapped(hops.pop()!);
    if (!isIP(next)) break; // a malformed hop: stop at the last address we could trust
    current = next;
  }
  return current;
}

/** The address the front resolved (it overwrites X-Forwarded-For with exactly one); one key for every limiter. */
export function clientAddress(headers: Headers): string {
  const last = headers
    .get("x-forwarded-for")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .pop();
  return last || "unknown";
}
