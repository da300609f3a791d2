/**
 * A form posted to an account page (the /account token actions) from another origin than the site's (PUBLIC_URL's).
 * Next.js answers such a server-action request with a bare 500 "Invalid Server Actions request" when the Origin
 * differs from the Host, and runs it when they agree even if both differ from PUBLIC_URL; proxy.ts answers both in
 * words here first, a 403 page saying where the site is. A request without Origin goes on to the action's own check.
 */
export function refuseForeignPagePost(method: string, headers: Headers, siteOrigin: string): Response | null {
  if (method !== "POST") return null;
  const origin = headers.get("origin");
  if (origin === null || origin === siteOrigin) return null;
  const from = origin === "null" ? "a page without an origin (a sandboxed frame or a local file)" : escapeHtml(origin.slice(0, 200));
  const site = escapeHtml(siteOrigin);
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Request refused</title></head><body>
<h1>Cross-site request refused</h1>
<p>This form was sent from ${from}, not from this site's own pages. Account actions work only at
<a href="${site}/account">${site}/account</a>: open the site there and try again.</p>
</body></html>`;
  return new Response(body, { status: 403, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
