import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getRequestContext, type RequestContext } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { isSameOriginRequest, resolveCaller, type Caller } from "./caller";

/** The signed-in user of the page being rendered (session cookie), or null. */
export async function getViewer(): Promise<Caller | null> {
  const { db, auth } = await getRequestContext();
  const h = await headers();
  return resolveCaller(db, auth, new Headers({ cookie: h.get("cookie") ?? "" }));
}

/** Pages that need an account send visitors to sign in and back. */
export async function requireViewer(returnTo: string): Promise<Caller> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(returnTo)}`);
  return viewer;
}

/**
 * The caller of a server action: signed in, and posting from this site. Next.js refuses server actions whose Origin
 * differs from the Host with a bare 500; proxy.ts refuses those first, in words (lib/auth/foreign-post.ts), and this
 * check compares with PUBLIC_URL's origin, which Host and X-Forwarded-Host (the client's to choose) cannot move.
 * `page` (where the action belongs) and `toDo` (what it does) go into the messages.
 */
export async function requireActionCaller(page: string, toDo: string): Promise<{ db: RequestContext["db"]; viewer: Caller }> {
  const h = await headers();
  const { db, siteOrigin } = await getRequestContext();
  if (!isSameOriginRequest(h, `${siteOrigin}/`, siteOrigin)) {
    const from = h.get("origin");
    throw new AppError(
      "forbidden",
      `Cross-site request refused${from ? ` (it came from ${from.slice(0, 200)})` : ""}: ` +
        `this works only from this site's own page, ${siteOrigin}${page}.`,
    );
  }
  const viewer = await getViewer();
  if (!viewer) throw new AppError("unauthenticated", `You are signed out (your session ended): sign in again to ${toDo}.`);
  return { db, viewer };
}

/** An action's failure in words for the form: an AppError's message, else the fallback (and the error is logged). */
export function actionErrorInWords(err: unknown, fallback: string): string {
  if (err instanceof AppError) return err.message;
  console.error(err);
  return fallback;
}
