// Runs before /api/v1/* routes: CORS for public GETs and a per-client rate limit (429 with Retry-After); and before
// /account, whose server actions posted from another origin it refuses in words.
// The token buckets live in this process's memory: with several server processes each counts on its own.
// Behind the site's front (scripts/site.ts) the front has already applied the same gate: it marks such requests
// with a secret it shares with this process only, and they are not counted twice.
import { NextResponse, type NextRequest } from "next/server";
import { createPublicGate } from "@/lib/api/public-gate";
import { refuseForeignPagePost } from "@/lib/auth/foreign-post";
import { getEnv } from "@/lib/env";

const gate = createPublicGate();
const FRONT_GATED_HEADER = "x-front-gated";

export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname === "/account") {
    return refuseForeignPagePost(request.method, request.headers, new URL(getEnv().PUBLIC_URL).origin) ?? NextResponse.next();
  }
  const token = getEnv().FRONT_GATE_TOKEN;
  if (token && request.headers.get(FRONT_GATED_HEADER) === token) return NextResponse.next();
  const result = gate(request.method, request.nextUrl.pathname, request.headers);
  if ("respond" in result) return result.respond;
  const res = NextResponse.next();
  for (const [k, v] of Object.entries(result.headers)) res.headers.set(k, v);
  return res;
}

// Next buffers (and cuts at 10 MB) the body of every request this matches: uploads and worker reports, which are
// authenticated and never rate-limited here, must stream straight to their routes.
// /account: its token forms' posts from another origin are refused in words (lib/auth/foreign-post.ts).
export const config = { matcher: ["/api/v1/((?!submissions(?:/|$)|worker/).*)", "/account"] };
