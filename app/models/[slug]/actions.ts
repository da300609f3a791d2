"use server";
// The owner's actions on the model page: edit display metadata, withdraw from the boards, reinstate, delete a private
// model. Each answers in words (the forms show them next to their field), never throws; the rules live in
// lib/queries/model-edits.ts, shared with the API (lib/api/model-edits.ts).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actionErrorInWords, requireActionCaller } from "@/lib/auth/session";
import { editModelOrThrow, reinstateModelOrThrow, withdrawModelOrThrow } from "@/lib/queries/model-edits";
import { deletePrivateModelWithFiles } from "@/lib/submissions/delete-model";
import { EDITABLE_FIELDS, inFormWords, parseModelEdit, parseWithdrawReason } from "@/lib/types/model-edit";
import type { FieldError } from "@/lib/types/submission-metadata";

/** `values`: what was sent, so the form shows it again (React resets a form after its action runs). */
export type ModelActionState = { errors?: FieldError[]; message?: string; values?: Record<string, string> };

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

async function actorFor(slug: string, toDo: string) {
  const { db, viewer } = await requireActionCaller(`/models/${slug}`, toDo);
  return { db, actor: { id: viewer.id, role: viewer.role, name: viewer.name } };
}

const failed = (err: unknown, fallback: string): ModelActionState => ({ errors: [{ field: "form", message: actionErrorInWords(err, fallback) }] });

export async function editModelAction(_prev: ModelActionState, form: FormData): Promise<ModelActionState> {
  const slug = text(form, "slug");
  const values = Object.fromEntries(Object.keys(EDITABLE_FIELDS).map((k) => [k, text(form, k)]));
  try {
    const parsed = parseModelEdit(values);
    if (!parsed.ok) return { values, errors: parsed.errors.map((e) => ({ field: e.field, message: inFormWords(e.message) })) };
    const { db, actor } = await actorFor(slug, "edit this model");
    const { changes } = await editModelOrThrow(db, slug, actor, parsed.value);
    revalidatePath(`/models/${slug}`);
    return { values, message: changes.length ? `Saved: ${changes.map((c) => c.field.replace("_", " ")).join(", ")} changed (see the history below).` : "Nothing changed." };
  } catch (err) {
    return { values, ...failed(err, "Could not save the changes; try again.") };
  }
}

export async function withdrawModelAction(_prev: ModelActionState, form: FormData): Promise<ModelActionState> {
  const slug = text(form, "slug");
  const values = { reason: text(form, "reason") };
  try {
    const reason = parseWithdrawReason(values.reason);
    if (!reason.ok) return { values, errors: [{ field: "reason", message: reason.error.message.replace(/^reason is required: say/, "Give a reason: say").replace(/^reason must/, "The reason must") }] };
    if (text(form, "confirm") !== "yes") return { values, errors: [{ field: "confirm", message: "Tick the box to confirm the withdrawal." }] };
    const { db, actor } = await actorFor(slug, "withdraw this model");
    await withdrawModelOrThrow(db, slug, actor, reason.value);
    revalidatePath(`/models/${slug}`);
    return { message: "Withdrawn: the model is off the boards; this page and its results stay up, marked withdrawn." };
  } catch (err) {
    return { values, ...failed(err, "Could not withdraw the model; try again.") };
  }
}

export async function reinstateModelAction(_prev: ModelActionState, form: FormData): Promise<ModelActionState> {
  const slug = text(form, "slug");
  try {
    const { db, actor } = await actorFor(slug, "reinstate this model");
    await reinstateModelOrThrow(db, slug, actor);
    revalidatePath(`/models/${slug}`);
    return { message: "Reinstated: the model is back on the boards." };
  } catch (err) {
    return failed(err, "Could not reinstate the model; try again.");
  }
}

export async function deleteModelAction(_prev: ModelActionState, form: FormData): Promise<ModelActionState> {
  const slug = text(form, "slug");
  try {
    if (text(form, "confirm") !== "yes") return { errors: [{ field: "confirm", message: "Tick the box to confirm that the model and its results are deleted for good." }] };
    const { db, actor } = await actorFor(slug, "delete this model");
    await deletePrivateModelWithFiles(db, slug, actor);
  } catch (err) {
    return failed(err, "Could not delete the model; try again.");
  }
  redirect(`/submissions?deleted=${encodeURIComponent(slug)}`);
}
