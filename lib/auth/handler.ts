import { toErrorEnvelope, AppError } from "@/lib/errors";
import { clientAddress } from "@/lib/server/client-address";
import { wrongOriginMessage } from "./messages";
import type { SlidingWindowLimiter } from "./rate-limit";
import type { Auth } from "./server";

// Every endpoint that checks a password or creates an account counts as an attempt.
const LIMITED = /\/api\/auth\/(sign-in|sign-up|forget-password|reset-password|change-password)(\/|$)/;

function refuse(err: AppError, headers: Record<string, string> = {}): Response {
  const { status, body } = toErrorEnvelope(err);
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/**
 * better-auth's handler behind two checks. A POST from a page at another origin than the site's (PUBLIC_URL) is
 * refused in words before better-auth would answer a bare 403 "Invalid origin": typically the site opened as
 * http://127.0.0.1:PORT while PUBLIC_URL says http://localhost:PORT. Then the per-IP limit on authentication attempts.
 */
export async function handleAuthRequest(auth: Auth, limiter: SlidingWindowLimiter, req: Request, siteOrigin: string): Promise<Response> {
  if (req.method !== "POST") return auth.handler(req);
  const origin = req.headers.get("origin");
  if (origin && origin !== "null" && origin !== siteOrigin) {
    return refuse(new AppError("forbidden", wrongOriginMessage(origin, siteOrigin)));
  }
  if (LIMITED.test(new URL(req.url).pathname)) {
    const verdict = limiter.take(clientAddress(req.headers));
    if (!verdict.allowed) {
      return refuse(
        new AppError("rate_limited", `Too many sign-in attempts from this address; try again in ${verdict.retryAfterSeconds} s.`),
        { "Retry-After": String(verdict.retryAfterSeconds) },
      );
    }
  }
  return auth.handler(req);
}
