/** Responses of the authenticated, state-changing endpoints (worker protocol, submissions, admin): never cached. */
export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
