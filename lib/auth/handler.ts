import { toErrorEnvelope, AppError } from "@/lib/errors";
import { clientAddress } from "@/lib/server/client-address";
import type { SlidingWindowLimiter } from "./rate-limit";
import type { Auth } from "./server";

// Every endpoint that checks a password or creates an account counts as an attempt.
const LIMITED = /\/api\/auth\/(sign-in|sign-up|forget-password|reset-password|change-password)(\/|$)/;

/** better-auth's handler behind the per-IP limit on authentication attempts. */
export async function handleAuthRequest(auth: Auth, limiter: SlidingWindowLimiter, req: Request): Promise<Response> {
  if (req.method === "POST" && LIMITED.test(new URL(req.url).pathname)) {
    const verdict = limiter.take(clientAddress(req.headers));
    if (!verdict.allowed) {
      const { status, body } = toErrorEnvelope(
        new AppError("rate_limited", `Too many sign-in attempts from this address; try again in ${verdict.retryAfterSeconds} s.`),
      );
      return Response.json(body, { status, headers: { "Retry-After": String(verdict.retryAfterSeconds) } });
    }
  }
  return auth.handler(req);
}
