import type { DbOrTx } from "@/db";
import type { UserRole } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { authenticateApiToken } from "@/lib/queries/api-tokens";
import type { Auth } from "./server";

export type Caller = { id: string; name: string; email: string; role: UserRole; via: "session" | "token" };

/**
 * Who is calling: a personal API token (`Authorization: Bearer …`) or a session cookie. A Bearer header that does not
 * resolve is a 401, never a fall-back to the cookie.
 */
export async function resolveCaller(db: DbOrTx, auth: Auth, headers: Headers): Promise<Caller | null> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = authorization.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw new AppError("unauthenticated", "Send the API token as 'Authorization: Bearer <token>'.");
    const user = await authenticateApiToken(db, match[1]);
    if (!user) throw new AppError("unauthenticated", "The API token is unknown or revoked; create one on your account page.");
    return { id: user.id, name: user.name, email: user.email, role: user.role, via: "token" };
  }
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const { user } = session;
  return { id: user.id, name: user.name, email: user.email, role: (user.role as UserRole) ?? "submitter", via: "session" };
}

/**
 * A request that a cross-site page cannot have forged: its Origin is the site's, or (no Origin) the browser marks it
 * same-origin. Token calls need no such check: a browser never attaches an Authorization header cross-site on its own.
 */
export function isSameOriginRequest(headers: Headers, requestUrl: string, siteOrigin: string): boolean {
  const origin = headers.get("origin");
  if (origin) return origin === siteOrigin || origin === new URL(requestUrl).origin;
  return headers.get("sec-fetch-site") === "same-origin";
}

/** The caller of a state-changing request: 401 without credentials, 403 for a cookie sent from another site. */
export async function requireCaller(db: DbOrTx, auth: Auth, req: Request, siteOrigin: string): Promise<Caller> {
  const caller = await resolveCaller(db, auth, req.headers);
  if (!caller) throw new AppError("unauthenticated", "Sign in, or send a personal API token as 'Authorization: Bearer <token>'.");
  if (caller.via === "session" && !isSameOriginRequest(req.headers, req.url, siteOrigin)) {
    throw new AppError("forbidden", "Cross-site request refused: this action must come from the site's own pages.");
  }
  return caller;
}

export async function requireAdmin(db: DbOrTx, auth: Auth, req: Request, siteOrigin: string): Promise<Caller> {
  const caller = await requireCaller(db, auth, req, siteOrigin);
  if (caller.role !== "admin") throw new AppError("forbidden", "This needs the admin role.");
  return caller;
}
