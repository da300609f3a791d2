"use server";
// Personal API token actions. Each answers in words (the form renders `error`), never throws: signed out, another
// site, someone else's token id and bad input each say what happened (lib/auth/session.ts requireActionCaller).
import { revalidatePath } from "next/cache";
import { actionErrorInWords, requireActionCaller } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { saveNotificationChoices } from "@/lib/api/notifications";
import { createApiToken, revokeApiToken } from "@/lib/queries/api-tokens";

const signedInSameOrigin = () => requireActionCaller("/account", "manage your tokens");

/** A token id as the revoke form sends it: canonical decimal within the integer column, else a message. */
function tokenIdOf(raw: FormDataEntryValue | null): number {
  const text = typeof raw === "string" ? raw : "";
  const id = /^[1-9]\d{0,9}$/.test(text) ? Number(text) : NaN;
  if (!(id <= 2 ** 31 - 1)) {
    throw new AppError("bad_request", `'${text.slice(0, 40)}' is not a token id: use the Revoke button of a token listed on this page.`);
  }
  return id;
}

export type TokenState = { token?: string; name?: string; error?: string };

export async function createTokenAction(_prev: TokenState, form: FormData): Promise<TokenState> {
  try {
    const { db, viewer } = await signedInSameOrigin();
    const name = form.get("name");
    const { token, row } = await createApiToken(db, viewer.id, typeof name === "string" ? name : "");
    revalidatePath("/account");
    return { token, name: row.name };
  } catch (err) {
    return { error: actionErrorInWords(err, "Could not create the token; try again.") };
  }
}

export type RevokeState = { error?: string };

export async function revokeTokenAction(_prev: RevokeState, form: FormData): Promise<RevokeState> {
  try {
    const { db, viewer } = await signedInSameOrigin();
    // Someone else's token id answers like a missing one: "No live API token N on this account."
    await revokeApiToken(db, viewer.id, tokenIdOf(form.get("id")));
    revalidatePath("/account");
    return {};
  } catch (err) {
    return { error: actionErrorInWords(err, "Could not revoke the token; try again.") };
  }
}

export type NotificationState = { error?: string; field?: "webhook_url" | "email"; saved?: boolean; secret?: string; webhookUrl?: string };

export async function saveNotificationsAction(_prev: NotificationState, form: FormData): Promise<NotificationState> {
  const webhookUrl = typeof form.get("webhook_url") === "string" ? String(form.get("webhook_url")) : "";
  try {
    const { db, viewer } = await requireActionCaller("/account", "change your notifications");
    const { newSecret } = await saveNotificationChoices(db, viewer.id, {
      email: form.get("email") === "yes",
      webhookUrl,
      rotateSecret: form.get("rotate_secret") === "yes",
    });
    revalidatePath("/account");
    return { saved: true, webhookUrl, ...(newSecret ? { secret: newSecret } : {}) };
  } catch (err) {
    const fields = err instanceof AppError ? (err.details?.fields as { field: NotificationState["field"] }[] | undefined) : undefined;
    const field = fields?.[0]?.field;
    return { error: actionErrorInWords(err, "Could not save your notification settings; try again."), field, webhookUrl };
  }
}
