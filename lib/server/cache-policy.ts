import type { IncomingHttpHeaders } from "node:http";

/** Public pages and read endpoints whose response is the same for every anonymous visitor. */
const CACHEABLE_PATHS = [
  /^\/$/,
  /^\/(about|benchmarks|snapshots|docs\/api)$/,
  /^\/(benchmarks|models|results|snapshots)\/[^/]+$/,
  /^\/api\/v1\/(leaderboard|leaderboard\/points|models|benchmarks|reference-points|snapshots|openapi\.json)$/,
  /^\/api\/v1\/(models|benchmarks|results|snapshots)\/[^/]+$/,
];

/** Headers that make a response specific to one client or one navigation. */
const PERSONAL_REQUEST_HEADERS = [
  "authorization",
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-action",
];

/** A signed-in visitor (better-auth's session cookie) sees their own header and controls. */
const SESSION_COOKIE = /(^|;\s*)(__Secure-)?better-auth\./;

export function isCacheableRequest(method: string | undefined, url: URL, headers: IncomingHttpHeaders): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  if (url.searchParams.has("_rsc")) return false;
  if (PERSONAL_REQUEST_HEADERS.some((h) => headers[h] !== undefined)) return false;
  if (SESSION_COOKIE.test(headers.cookie ?? "")) return false;
  return CACHEABLE_PATHS.some((re) => re.test(url.pathname));
}

/** Requests that may change what the site shows: everything but reads. */
export function isWrite(method: string | undefined): boolean {
  return method !== "GET" && method !== "HEAD" && method !== "OPTIONS";
}

/** Hop-by-hop headers, headers recomputed per response, and the per-client rate-limit count. */
const NOT_STORED = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length", "ratelimit-remaining", "etag"]);

/**
 * A response that says it depends on who asks (an owner's view of something private varies on Cookie and
 * Authorization: lib/api/viewer.ts) is never stored, since this cache is keyed by URL alone. Cache-Control cannot be the
 * mark: Next sends `private, no-cache, no-store` on every dynamic page. Requests that carry credentials are not cached
 * in the first place (isCacheableRequest); this is the second lock.
 */
function variesByCaller(headers: IncomingHttpHeaders): boolean {
  const vary = String(headers.vary ?? "").toLowerCase();
  return vary.split(",").some((v) => ["cookie", "authorization", "*"].includes(v.trim()));
}

/** The headers to keep with a response, or null if the response must not be shared between visitors. */
export function storableHeaders(status: number, headers: IncomingHttpHeaders): Record<string, string> | null {
  if (status !== 200 || headers["set-cookie"] !== undefined || variesByCaller(headers)) return null;
  if (headers["content-encoding"] !== undefined && headers["content-encoding"] !== "identity") return null;
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || NOT_STORED.has(name)) continue;
    kept[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return kept;
}
