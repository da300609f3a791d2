// Runs before /api/v1/* routes: CORS for public GETs and a per-client rate limit (429 with Retry-After).
// The token buckets live in this process's memory: with several server processes each counts on its own.
import { NextResponse, type NextRequest } from "next/server";
import { createPublicGate } from "@/lib/api/public-gate";

const gate = createPublicGate();

export function proxy(request: NextRequest) {
  const result = gate(request.method, request.nextUrl.pathname, request.headers);
  if ("respond" in result) return result.respond;
  const res = NextResponse.next();
  for (const [k, v] of Object.entries(result.headers)) res.headers.set(k, v);
  return res;
}

export const config = { matcher: "/api/v1/:path*" };
