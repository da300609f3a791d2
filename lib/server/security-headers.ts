/**
 * Headers on every response of the site (next.config.ts). The pages are server-rendered with Next's inline
 * bootstrapping scripts and React's inline styles, which a static policy can only allow with 'unsafe-inline'
 * (a per-request nonce would make every page dynamic and uncacheable by the front); everything else is same-origin
 * only, no plugins, no framing, and forms may post only here or to the configured OAuth providers.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self' https://github.com https://orcid.org",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "Content-Security-Policy", value: CONTENT_SECURITY_POLICY },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];
