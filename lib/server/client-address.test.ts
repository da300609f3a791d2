import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicGate } from "@/lib/api/public-gate";
import { clientAddress, parseTrustedProxies, resolveClientAddress } from "./client-address";
import { createFrontServer } from "./front";
import { ResponseCache } from "./response-cache";

describe("resolveClientAddress", () => {
  const none = parseTrustedProxies(undefined);
  const lb = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, ::1");

  it("is the socket's peer when no proxy is trusted, whatever the client claims", () => {
    expect(resolveClientAddress("203.0.113.9", "1.2.3.4", none)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:203.0.113.9", undefined, none)).toBe("203.0.113.9");
  });

  it("walks X-Forwarded-For from the right through trusted hops only", () => {
    // client claims 6.6.6.6, real client 198.51.100.7, then two trusted proxies
    expect(resolveClientAddress("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.1.2.3", lb)).toBe("198.51.100.7");
    expect(resolveClientAddress("10.9.9.9", "198.51.100.7", lb)).toBe("198.51.100.7");
    expect(resolveClientAddress("203.0.113.9", "198.51.100.7", lb)).toBe("203.0.113.9"); // untrusted peer
    expect(resolveClientAddress("127.0.0.1", "not-an-ip", lb)).toBe("127.0.0.1");
    expect(resolveClientAddress("::1", "2001:db8::5", lb)).toBe("2001:db8::5");
  });

  it("refuses a malformed TRUSTED_PROXIES entry by name", () => {
    for (const bad of ["10.0.0.0/33", "localhost", "10.0.0.1/", "1.2.3.4/8/1", "::1/129"]) {
      expect(() => parseTrustedProxies(bad)).toThrow(`TRUSTED_PROXIES entry '${bad}' is not an IP address or CIDR`);
    }
  });

  it("reads one key for every limiter", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "198.51.100.7" }))).toBe("198.51.100.7");
    expect(clientAddress(new Headers())).toBe("unknown");
  });
});

const listen = (s: http.Server) => new Promise<number>((r) => s.listen(0, "127.0.0.1", () => r((s.address() as AddressInfo).port)));
const get = (port: number, path: string, headers: Record<string, string>) =>
  new Promise<{ status: number; retryAfter?: string; body: string }>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, headers }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, retryAfter: res.headers["retry-after"] as string | undefined, body }));
      })
      .on("error", reject);
  });

describe("the front's rate limit cannot be dodged with forged headers (real HTTP)", () => {
  const seen: http.IncomingHttpHeaders[] = [];
  const upstream = http.createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end("{}");
  });
  let front: http.Server;
  let port: number;

  beforeAll(async () => {
    const upstreamPort = await listen(upstream);
    const cache = new ResponseCache({ maxBytes: 0, maxEntryBytes: 0, maxAgeMs: 0 });
    front = createFrontServer({
      upstream: { host: "127.0.0.1", port: upstreamPort },
      cache,
      gate: createPublicGate(),
      gateToken: "g".repeat(24),
    });
    port = await listen(front);
  });
  afterAll(() => {
    front.close();
    upstream.close();
  });

  it("counts a client that sends a new X-Forwarded-For / X-Real-IP on every request as one client", async () => {
    let limited: { status: number; retryAfter?: string } | null = null;
    for (let i = 0; i < 200 && !limited; i++) {
      const r = await get(port, "/api/v1/leaderboard", {
        "x-forwarded-for": `10.0.${i >> 8}.${i & 255}`,
        "x-real-ip": `192.0.2.${i & 255}`,
      });
      if (r.status === 429) limited = r;
    }
    expect(limited?.status).toBe(429); // the read bucket holds 120
    expect(Number(limited?.retryAfter)).toBeGreaterThanOrEqual(1);
    const forwarded = seen.map((h) => h["x-forwarded-for"]);
    expect(new Set(forwarded)).toEqual(new Set(["127.0.0.1"]));
    expect(seen.every((h) => h["x-real-ip"] === undefined)).toBe(true);
  });
});
