/**
 * Posts one signed JSON body to a user's webhook. The receiver checks
 * `X-Leaderboard-Signature: sha256=<hex HMAC-SHA256(secret, "<X-Leaderboard-Timestamp>.<body>")>` (docs/api.md).
 * Redirects are not followed, the answer is read to at most 4 KiB, and the whole exchange has a deadline.
 */
import { createHmac } from "node:crypto";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { isPublicAddress } from "./address";

export type WebhookOptions = { allowPrivate: boolean; timeoutMs?: number; deliveryId?: number; now?: () => number };

/** A delivery that did not succeed: the message says why in words; `status` is the HTTP status when one came back. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** A webhook URL as a user may set it: http(s), no credentials, ≤ 2000 characters; plain http only where private targets are allowed. */
export function parseWebhookUrl(raw: string, allowPrivate: boolean): { ok: true; url: string } | { ok: false; message: string } {
  const text = raw.trim();
  if (text.length > 2000) return { ok: false, message: "The webhook URL must be at most 2000 characters." };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: "The webhook URL is not a URL (it should look like https://example.org/hooks/leaderboard)." };
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && allowPrivate)) {
    return { ok: false, message: "The webhook URL must start with https:// (the body is signed, but not encrypted otherwise)." };
  }
  if (url.username || url.password)
    return { ok: false, message: "The webhook URL must not contain a user name or password; the signature authenticates the site." };
  return { ok: true, url: url.toString() };
}

function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: false }, (err, address, family) => {
      if (err) return callback(err, "", 0);
      if (!allowPrivate && !isPublicAddress(address as string)) {
        return callback(
          Object.assign(
            new Error(`${hostname} resolves to ${address}, a private or reserved address: webhooks go to public addresses only`),
            { code: "EPRIVATE" },
          ),
          "",
          0,
        );
      }
      callback(null, address as string, family as number);
    });
  };
}

export async function postWebhook(target: string, secret: string, body: string, opts: WebhookOptions): Promise<number> {
  const url = new URL(target);
  const timestamp = Math.floor((opts.now ?? Date.now)() / 1000);
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (!opts.allowPrivate && /^[\d.]+$|:/.test(literal) && !isPublicAddress(literal)) {
    throw new DeliveryError(`${literal} is a private or reserved address: webhooks go to public addresses only.`);
  }
  const client = url.protocol === "https:" ? https : http;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return new Promise<number>((resolve, reject) => {
    const req = client.request(url, {
      method: "POST",
      lookup: guardedLookup(opts.allowPrivate),
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        "user-agent": "human-alignment-leaderboard-webhook/1",
        "x-leaderboard-event": "evaluation.ended",
        "x-leaderboard-timestamp": String(timestamp),
        "x-leaderboard-signature": signWebhook(secret, timestamp, body),
        ...(opts.deliveryId ? { "x-leaderboard-delivery": String(opts.deliveryId) } : {}),
      },
    });
    const deadline = setTimeout(() => req.destroy(new DeliveryError(`No answer within ${timeoutMs / 1000} s.`)), timeoutMs);
    req.on("response", (res) => {
      let read = 0;
      res.on("data", (chunk: Buffer) => {
        read += chunk.length;
        if (read > 4096) res.destroy();
      });
      const done = () => {
        clearTimeout(deadline);
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve(status);
        else if (status >= 300 && status < 400)
          reject(new DeliveryError(`Answered ${status} (a redirect): redirects are not followed; set the final URL.`, status));
        else reject(new DeliveryError(`Answered HTTP ${status}.`, status));
      };
      res.on("end", done);
      res.on("close", done);
    });
    req.on("error", (err) => {
      clearTimeout(deadline);
      reject(err instanceof DeliveryError ? err : new DeliveryError(err.message));
    });
    req.end(body);
  });
}
