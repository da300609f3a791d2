/**
 * The one route-error wrapper: every handler body runs inside `answer`, which maps an AppError to its status and the
 * envelope `{ error: { code, message, details? } }` (a 429 always says when to retry), and anything else to a logged
 * 500 without details. Errors are never cached.
 */
import type { Db } from "@/db";
import { retryAfterSeconds, toErrorEnvelope } from "@/lib/errors";

/** Read handlers take the database or its pending opening (route files pass getDb() unawaited). */
export type DbArg = Db | Promise<Db>;

export function errorResponse(err: unknown): Response {
  const { status, body } = toErrorEnvelope(err);
  const retry = retryAfterSeconds(err);
  const headers: Record<string, string> = { "Cache-Control": "no-store", ...(retry === null ? {} : { "Retry-After": String(retry) }) };
  return Response.json(body, { status, headers });
}

export async function answer(run: () => Promise<Response>, onError?: (err: unknown) => void): Promise<Response> {
  try {
    return await run();
  } catch (err) {
    onError?.(err);
    return errorResponse(err);
  }
}
