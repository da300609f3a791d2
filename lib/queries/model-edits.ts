/**
 * What an owner does to a model after submission (issue #12 item 5): edit its display metadata, withdraw it from the
 * live boards (reinstate it), delete it while private. Every edit, withdrawal and reinstatement is a dated row of
 * model_history. None of them touches a snapshot: snapshots store their content as hashed text (lib/snapshots), so a
 * cited view keeps the name, rows and scores it was frozen with.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import {
  deletedPrivateAttempts,
  evaluations,
  jobs,
  modelHistory,
  models,
  type FieldChange,
  type ModelHistoryRow,
  type ModelRow,
} from "@/db/schema";
import { AppError } from "@/lib/errors";
import { EDITABLE_FIELDS, type ModelEdit } from "@/lib/types/model-edit";
import { releaseArtifactIfUnused } from "./model-registration";
import { assertNoPublicTwin } from "./publish";
import { invalidateBoard, lockBoard, recomputeRanks } from "./ranks";
import { canManageModel, canViewModel, type Viewer } from "./submissions";

/** Who acts: the caller, with the name history shows. */
export type Actor = NonNullable<Viewer> & { name: string };

const isOwner = (model: ModelRow, actor: Actor) => model.ownerUserId !== null && actor.id === model.ownerUserId;

async function modelForActorOrThrow(tx: DbOrTx, slug: string, actor: Actor): Promise<ModelRow> {
  // FOR UPDATE: two concurrent edits or a withdrawal racing a deletion see each other's result, one after the other.
  const [model] = await tx.select().from(models).where(eq(models.slug, slug)).for("update");
  if (!model || !canViewModel(model, actor)) throw new AppError("not_found", `No model '${slug}'.`);
  return model;
}

function historyRow(model: ModelRow, actor: Actor, action: ModelHistoryRow["action"], changes: FieldChange[], reason: string | null) {
  const owner = isOwner(model, actor);
  return {
    modelId: model.id,
    action,
    actorUserId: actor.id,
    actorName: owner ? actor.name : null,
    actorRole: owner ? ("owner" as const) : ("admin" as const),
    changes,
    reason,
  };
}

/** Every benchmark version the model has evaluations on, in lock order. */
function boardsOf(tx: DbOrTx, modelId: number) {
  return tx
    .selectDistinct({ id: evaluations.benchmarkId, version: evaluations.benchmarkVersion })
    .from(evaluations)
    .where(eq(evaluations.modelId, modelId))
    .orderBy(evaluations.benchmarkId, evaluations.benchmarkVersion);
}

/** Re-ranks (and so refreshes the cached board of) every board the model is on, boards locked first. */
async function rerank(tx: DbOrTx, modelId: number): Promise<void> {
  const boards = await boardsOf(tx, modelId);
  for (const b of boards) await lockBoard(tx, b.id, b.version);
  for (const b of boards) await recomputeRanks(tx, b.id, b.version);
}

/** Display metadata, by the owner only. Only fields whose value changes are recorded; an edit that changes nothing records nothing. */
export async function editModelOrThrow(
  db: DbOrTx,
  slug: string,
  actor: Actor,
  edit: ModelEdit,
): Promise<{ model: ModelRow; changes: FieldChange[] }> {
  return db.transaction(async (tx) => {
    const model = await modelForActorOrThrow(tx, slug, actor);
    if (!isOwner(model, actor)) throw new AppError("forbidden", `Only the owner of '${slug}' can edit it.`);
    const changes: FieldChange[] = [];
    for (const [field, column] of Object.entries(EDITABLE_FIELDS)) {
      if (!(column in edit)) continue;
      const from = model[column] ?? null;
      const to = edit[column] ?? null;
      if (from !== to) changes.push({ field, from, to });
    }
    if (changes.length === 0) return { model, changes };
    const [updated] = await tx
      .update(models)
      .set({
        ...edit,
        displayName: edit.displayName ?? model.displayName,
        description: edit.description ?? model.description,
        updatedAt: new Date(),
      })
      .where(eq(models.id, model.id))
      .returning();
    await tx.insert(modelHistory).values(historyRow(model, actor, "edit", changes, null));
    // The live board caches names and links: a public model's boards are re-read (ranks do not change).
    if (model.visibility === "public") for (const b of await boardsOf(tx, model.id)) await invalidateBoard(tx, b.id, b.version);
    return { model: updated, changes };
  });
}

/**
 * Off the live boards, scatter, searches, downloads and new snapshots (they all read public models only); its model
 * and result pages stay up for everyone, marked withdrawn with the date and reason. Queued evaluations are cancelled.
 */
export async function withdrawModelOrThrow(db: DbOrTx, slug: string, actor: Actor, reason: string): Promise<ModelRow> {
  return db.transaction(async (tx) => {
    const model = await modelForActorOrThrow(tx, slug, actor);
    if (!canManageModel(model, actor)) throw new AppError("forbidden", `Only the owner of '${slug}' (or an admin) can withdraw it.`);
    if (model.visibility === "withdrawn") {
      throw new AppError("conflict", `'${slug}' was already withdrawn on ${model.withdrawnAt!.toISOString().slice(0, 10)}.`);
    }
    if (model.visibility !== "public") {
      throw new AppError(
        "conflict",
        model.visibility === "private"
          ? `'${slug}' is private, so it is on no board: nothing to withdraw (delete it instead, if you want it gone).`
          : `'${slug}' was hidden by a moderator; it is on no board.`,
      );
    }
    const now = new Date();
    const [updated] = await tx
      .update(models)
      .set({ visibility: "withdrawn", withdrawnAt: now, withdrawnReason: reason, withdrawnByUserId: actor.id, updatedAt: now })
      .where(eq(models.id, model.id))
      .returning();
    await tx
      .update(jobs)
      .set({ status: "cancelled", leaseExpiresAt: null, finishedAt: sql`now()`, failureMessage: "Cancelled: the model was withdrawn." })
      .where(and(eq(jobs.modelId, model.id), eq(jobs.status, "queued")));
    await tx.insert(modelHistory).values(historyRow(model, actor, "withdraw", [], reason));
    await rerank(tx, model.id);
    return updated;
  });
}

/**
 * Back on the boards: by the owner when the owner withdrew it, else by an admin only (an admin's withdrawal is a
 * moderation decision). Refused when another public model has meanwhile taken the same weights and preprocessing.
 */
export async function reinstateModelOrThrow(db: DbOrTx, slug: string, actor: Actor): Promise<ModelRow> {
  return db.transaction(async (tx) => {
    const model = await modelForActorOrThrow(tx, slug, actor);
    if (!canManageModel(model, actor)) throw new AppError("forbidden", `Only the owner of '${slug}' (or an admin) can reinstate it.`);
    if (model.visibility !== "withdrawn")
      throw new AppError("conflict", `'${slug}' is ${model.visibility}, not withdrawn: nothing to reinstate.`);
    if (actor.role !== "admin" && model.withdrawnByUserId !== actor.id) {
      throw new AppError("forbidden", `'${slug}' was withdrawn by an admin; only an admin can put it back on the board.`);
    }
    await assertNoPublicTwin(tx, model);
    const [updated] = await tx
      .update(models)
      .set({ visibility: "public", withdrawnAt: null, withdrawnReason: null, withdrawnByUserId: null, updatedAt: new Date() })
      .where(eq(models.id, model.id))
      .returning();
    await tx.insert(modelHistory).values(historyRow(model, actor, "reinstate", [], null));
    await rerank(tx, model.id);
    return updated;
  });
}

export type DeleteOutcome = { slug: string; jobs: number; results: number; filesRemoved: boolean };

/**
 * A private model, by its owner: the model, its jobs, results, thumbnails, per-image rows and history (cascades), and
 * its stored files unless another model uses the same content-addressed directory. Its evaluations stay counted in
 * the owner's private_attempts_before (deleted_private_attempts). Public models are withdrawn, never deleted.
 */
export async function deletePrivateModelOrThrow(
  db: DbOrTx,
  slug: string,
  actor: Actor,
  removeDir: (dir: string) => Promise<void>,
): Promise<DeleteOutcome> {
  const outcome = await db.transaction(async (tx) => {
    const model = await modelForActorOrThrow(tx, slug, actor);
    if (!isOwner(model, actor)) throw new AppError("forbidden", `Only the owner of '${slug}' can delete it.`);
    if (model.visibility !== "private") {
      const why = model.visibility === "hidden" ? "was public (a moderator hid it)" : `is ${model.visibility}`;
      throw new AppError(
        "conflict",
        `'${slug}' ${why}: public models cannot be deleted, since their results may be cited. ` +
          `Withdraw it instead (POST /api/v1/models/${slug}/withdraw): it leaves the boards and its pages say why.`,
      );
    }
    const evals = await tx
      .select({ id: evaluations.id, benchmarkId: evaluations.benchmarkId, createdAt: evaluations.createdAt })
      .from(evaluations)
      .where(eq(evaluations.modelId, model.id))
      .orderBy(asc(evaluations.id));
    const ownerKey = model.ownerUserId ?? `name:${model.ownerName}`;
    if (evals.length) {
      await tx
        .insert(deletedPrivateAttempts)
        .values(evals.map((e) => ({ ownerKey, benchmarkId: e.benchmarkId, evaluatedAt: e.createdAt })));
    }
    const jobRows = await tx.select({ id: jobs.id }).from(jobs).where(eq(jobs.modelId, model.id));
    // Links from the owner's other models (fine-tuned from, previous version) have no foreign key: clear them.
    await tx.update(models).set({ fineTunedFromId: null }).where(eq(models.fineTunedFromId, model.id));
    await tx.update(models).set({ previousVersionId: null }).where(eq(models.previousVersionId, model.id));
    if (jobRows.length)
      await tx.delete(jobs).where(
        inArray(
          jobs.id,
          jobRows.map((j) => j.id),
        ),
      );
    await tx.delete(models).where(eq(models.id, model.id));
    return { model, jobs: jobRows.length, results: evals.length };
  });
  // Files go only after the rows are gone, under the weights lock registration takes (the same check as a failed upload).
  let filesRemoved = false;
  const { model } = outcome;
  if (model.artifactPath && model.weightsHash) {
    await releaseArtifactIfUnused(db, { path: model.artifactPath, weightsHash: model.weightsHash }, async (dir) => {
      await removeDir(dir);
      filesRemoved = true;
    });
  }
  return { slug: model.slug, jobs: outcome.jobs, results: outcome.results, filesRemoved };
}
