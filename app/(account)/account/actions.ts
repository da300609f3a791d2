"use server";
// Personal API token actions. Next.js refuses server actions whose Origin differs from the Host; the explicit
// same-origin check below keeps that guarantee even if the framework's check changes.
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { getRequestContext } from "@/lib/auth";
import { isSameOriginRequest } from "@/lib/auth/caller";
import { getViewer } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { createApiToken, revokeApiToken } from "@/lib/queries/api-tokens";

async function signedInSameOrigin() {
  const h = await headers();
  const { db, siteOrigin } = await getRequestContext();
  // Compared with PUBLIC_URL's origin only: Host and X-Forwarded-Host are the client's to choose.
  if (!isSameOriginRequest(h, `${siteOrigin}/`, siteOrigin)) throw new AppError("forbidden", "Cross-site request refused.");
  const viewer = await getViewer();
  if (!viewer) throw new AppError("unauthenticated", "Sign in first.");
  return { db, viewer };
}

export type TokenState = { token?: string; name?: string; error?: string };

export async function createTokenAction(_prev: TokenState, form: FormData): Promise<TokenState> {
  try {
    const { db, viewer } = await signedInSameOrigin();
    const { token, row } = await createApiToken(db, viewer.id, String(form.get("name") ?? ""));
    revalidatePath("/account");
    return { token, name: row.name };
  } catch (err) {
    return { error: err instanceof AppError ? err.message : "Could not create the token." };
  }
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const { db, viewer } = await signedInSameOrigin();
  const id = Number(form.get("id"));
  if (!Number.isSafeInteger(id) || id < 1 || id > 2 ** 31 - 1) return; // not a token id: nothing to revoke
  await revokeApiToken(db, viewer.id, id);
  revalidatePath("/account");
}
