import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getRequestContext } from "@/lib/auth";
import { resolveCaller, type Caller } from "./caller";

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
