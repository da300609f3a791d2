/** Responses of the authenticated, state-changing endpoints (worker protocol, submissions, admin): never cached. */
import { retryAfterSeconds, toErrorEnvelope } from "@/lib/errors";

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

/** The error envelope; a 429 always says when to retry. */
export function errorResponse(err: unknown): Response {
  const { status, body } = toErrorEnvelope(err);
  const retry = retryAfterSeconds(err);
  const headers: Record<string, string> = { "Cache-Control": "no-store", ...(retry === null ? {} : { "Retry-After": String(retry) }) };
  return Response.json(body, { status, headers });
}
