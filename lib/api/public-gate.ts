/**
 * What proxy.ts does in front of /api/v1: answers CORS preflights for GET, applies the per-client token
 * buckets (reads, snapshot creation and other writes separately: lib/api/public-rate-limit.ts), and adds CORS headers
 * to public responses.
 * Returns a response to send at once, or the headers to add to the route's response.
 */
import { toErrorEnvelope, AppError } from "@/lib/errors";
import { CORS_GET_HEADERS, isPublicApiPath } from "./public-cors";
import { clientAddress } from "@/lib/server/client-address";
import { READ_POLICY, SNAPSHOT_POLICY, TokenBuckets, WRITE_POLICY } from "./public-rate-limit";

const SNAPSHOT_CREATE = /^\/api\/v1\/snapshots\/?$/;

import type { GateResult } from "@/lib/server/gate";

export type { GateResult };

export function createPublicGate(now: () => number = Date.now) {
  const reads = new TokenBuckets(READ_POLICY);
  const snapshots = new TokenBuckets(SNAPSHOT_POLICY);
  const writes = new TokenBuckets(WRITE_POLICY);
  const bucketFor = (method: string, pathname: string) =>
    method === "GET" || method === "HEAD" ? reads : method === "POST" && SNAPSHOT_CREATE.test(pathname) ? snapshots : writes;
  return function gate(method: string, pathname: string, headers: Headers): GateResult {
    if (!isPublicApiPath(pathname)) return { headers: {} };
    if (method === "OPTIONS") return { respond: new Response(null, { status: 204, headers: CORS_GET_HEADERS }) };
    const isRead = method === "GET" || method === "HEAD";
    const decision = bucketFor(method, pathname).take(clientAddress(headers), now());
    const cors = isRead ? CORS_GET_HEADERS : {};
    if (!decision.allowed) {
      const { status, body } = toErrorEnvelope(
        new AppError("rate_limited", `Too many requests: try again in ${decision.retryAfterSeconds} s.`),
      );
      return {
        respond: Response.json(body, {
          status,
          headers: { ...cors, "Retry-After": String(decision.retryAfterSeconds), "Cache-Control": "no-store" },
        }),
      };
    }
    return { headers: { ...cors, "RateLimit-Remaining": String(decision.remaining) } };
  };
}
