/**
 * Who reads an owner-aware public endpoint (a model, a result, its images and downloads), and how an owner's view
 * is answered: never stored by a shared cache (Cache-Control: private, no-store; Vary on the credentials, which the
 * front's URL-keyed cache refuses to store: lib/server/cache-policy.ts).
 */
import type { Db } from "@/db";
import { resolveCaller, type Caller } from "@/lib/auth/caller";
import type { Auth } from "@/lib/auth/server";

/** The request and auth, when the route passes them; without them the reader is anonymous. */
export type ViewerSource = { req: Request; auth: Auth | Promise<Auth> };

export const PERSONAL_CACHE_HEADERS = { "Cache-Control": "private, no-store", Vary: "Cookie, Authorization" } as const;

/** Anonymous unless the request carries a session cookie or a bearer token (a bad token is a 401, as everywhere). */
export async function viewerOf(db: Db, source: ViewerSource | undefined): Promise<Caller | null> {
  if (!source) return null;
  const h = source.req.headers;
  if (!h.get("authorization") && !h.get("cookie")) return null;
  return resolveCaller(db, await source.auth, h);
}

/** An owner's view: what it shows differs from what anyone else is shown. */
export function personalResponse(body: BodyInit, contentType: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status: 200, headers: { ...headers, ...PERSONAL_CACHE_HEADERS, "Content-Type": contentType } });
}

export function personalJson(value: unknown): Response {
  return personalResponse(JSON.stringify(value), "application/json");
}

export const PRIVATE_NOTICE = "Private — only you can see this: it is not on the public board, and to anyone else this address is a 404.";
