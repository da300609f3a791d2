/**
 * The one error type that crosses layers. Route handlers map `code` to an HTTP status and answer with
 * the envelope `{ error: { code, message } }`; unknown errors are logged and answered as `internal` without details.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_model: 422,
  invalid_upload: 400,
  invalid_data: 422,
  invalid_report: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export type ErrorEnvelope = { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };

export function toErrorEnvelope(err: unknown): { status: number; body: ErrorEnvelope } {
  if (err instanceof AppError) {
    return { status: err.status, body: { error: { code: err.code, message: err.message, details: err.details } } };
  }
  console.error(err);
  return { status: 500, body: { error: { code: "internal", message: "Internal error" } } };
}

/** Seconds until a rate-limited caller may retry (the Retry-After header), from the error's details; else null. */
export function retryAfterSeconds(err: unknown, nowMs = Date.now()): number | null {
  if (!(err instanceof AppError) || err.code !== "rate_limited") return null;
  const { retryAfterSeconds: seconds, retryAfter } = err.details ?? {};
  if (typeof seconds === "number" && Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const at = typeof retryAfter === "string" ? Date.parse(retryAfter) : NaN;
  return Number.isFinite(at) ? Math.max(1, Math.ceil((at - nowMs) / 1000)) : 60;
}
