/**
 * HTTP caching of public read responses: a strong ETag (sha256 of the body) with If-None-Match → 304, and
 * Cache-Control. Immutable resources (snapshots) are cacheable for a year; live views for a short while.
 */
import { createHash } from "node:crypto";

export const CACHE_LIVE = "public, max-age=30, stale-while-revalidate=60";
export const CACHE_IMMUTABLE = "public, max-age=31536000, immutable";

export function etagOf(body: string | Uint8Array): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

/** RFC 9110: If-None-Match is a list of entity tags (or *); weak comparison, so W/ prefixes match too. */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const strip = (t: string) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => strip(t) === strip(etag));
}

/** A cacheable response: 304 without a body when the client already holds this exact representation. */
export function cachedResponse(
  req: Request,
  body: string | Uint8Array,
  init: { contentType: string; cacheControl: string; status?: number; headers?: Record<string, string> },
): Response {
  const etag = etagOf(body);
  const headers: Record<string, string> = { ETag: etag, "Cache-Control": init.cacheControl, ...init.headers };
  if (matchesIfNoneMatch(req.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(body as BodyInit, { status: init.status ?? 200, headers: { ...headers, "Content-Type": init.contentType } });
}

export function cachedJson(req: Request, value: unknown, cacheControl = CACHE_LIVE): Response {
  return cachedResponse(req, JSON.stringify(value), { contentType: "application/json", cacheControl });
}
