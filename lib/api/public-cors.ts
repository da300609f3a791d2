/** CORS for the public read API: any origin may GET; nothing else is allowed cross-origin. */
export const CORS_GET_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "If-None-Match, Accept",
  "Access-Control-Expose-Headers": "ETag, Retry-After, RateLimit-Remaining, Content-Disposition",
  "Access-Control-Max-Age": "86400",
};

/** Paths under /api/v1 that are not public reads (worker protocol, accounts): no CORS, no public rate limit. */
export function isPublicApiPath(pathname: string): boolean {
  return pathname.startsWith("/api/v1/") && !/^\/api\/v1\/(worker|health|auth|me|admin|submissions|tokens)(\/|$)/.test(pathname);
}

/**
 * A browser POST that creates a snapshot must come from this site: the Origin header (sent by every browser on POST)
 * must be the site's public origin (PUBLIC_URL), never one derived from Host or X-Forwarded-Host, which a client
 * chooses. Non-browser clients send no Origin and are allowed.
 */
export function isSameOriginPost(req: Request, siteOrigin: string): boolean {
  const origin = req.headers.get("origin");
  return origin === null || origin === siteOrigin;
}
