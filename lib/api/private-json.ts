/** Responses of the authenticated, state-changing endpoints (worker protocol, submissions, admin): never cached. */
import { toErrorEnvelope } from "@/lib/errors";

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export function errorResponse(err: unknown): Response {
  const { status, body } = toErrorEnvelope(err);
  return json(body, status);
}
