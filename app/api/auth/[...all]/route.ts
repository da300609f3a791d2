// /api/auth/*: better-auth (sign-up, sign-in, sign-out, session, OAuth callbacks); posts from another origin than
// PUBLIC_URL's refused in words, sign-in attempts limited per IP.
import { getAuth } from "@/lib/auth";
import { handleAuthRequest } from "@/lib/auth/handler";
import { SlidingWindowLimiter } from "@/lib/auth/rate-limit";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

const globalForLimiter = globalThis as unknown as { __authLimiter?: SlidingWindowLimiter };
const limiter = (globalForLimiter.__authLimiter ??= new SlidingWindowLimiter(getEnv().AUTH_ATTEMPTS_PER_15_MIN, 15 * 60_000));

export async function GET(req: Request) {
  return (await getAuth()).handler(req);
}

export async function POST(req: Request) {
  return handleAuthRequest(await getAuth(), limiter, req, new URL(getEnv().PUBLIC_URL).origin);
}
