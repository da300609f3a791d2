/**
 * An owner publishes what they kept private: one result (and its model, which a public result needs), or a model with
 * its current results. Publishing is one way (nothing here makes a public result private again), is refused for a model
 * a moderator hid, and never duplicates a public model (the same weights and preprocessing: 409 naming it). The
 * disclosure count of earlier private attempts (countPrivateAttemptsBefore) is computed at the publication time.
 */
import { and, eq, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { evaluations, models, type ModelRow } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { lockWeights } from "./model-registration";
import { lockBoard, recomputeRanks } from "./ranks";
import { canViewModel, type Viewer } from "./submissions";

export type PublishOutcome = { modelSlug: string; evaluationIds: number[]; alreadyPublic: boolean };

function assertOwner(model: ModelRow, viewer: Viewer, what: string): void {
  if (!viewer || viewer.id !== model.ownerUserId) throw new AppError("forbidden", `Only the owner of '${model.slug}' can publish ${what}.`);
  if (model.visibility === "hidden") {
    throw new AppError(
      "conflict",
      `'${model.slug}' was hidden by a moderator${model.flagReason ? ` (${model.flagReason})` : ""}; it cannot be published.`,
    );
  }
  if (model.visibility === "withdrawn") {
    throw new AppError(
      "conflict",
      `'${model.slug}' is withdrawn from the boards; reinstate it (POST /api/v1/models/${model.slug}/reinstate) before publishing more of its results.`,
    );
  }
}

/** Another account's public model with the same weights and preprocessing: the board holds one of each. */
export async function assertNoPublicTwin(tx: DbOrTx, model: ModelRow): Promise<void> {
  if (!model.weightsHash) return;
  await lockWeights(tx, model.weightsHash);
  const [twin] = await tx
    .select({ slug: models.slug, displayName: models.displayName, preprocessing: models.preprocessing })
    .from(models)
    .where(and(eq(models.weightsHash, model.weightsHash), eq(models.visibility, "public"), ne(models.id, model.id)));
  if (twin && JSON.stringify(twin.preprocessing) === JSON.stringify(model.preprocessing)) {
    throw new AppError(
      "conflict",
      `These weights with this preprocessing are already on the leaderboard as '${twin.displayName}' (/models/${twin.slug}).`,
      {
        existing: twin.slug,
        url: `/models/${twin.slug}`,
      },
    );
  }
}

/**
 * Makes the model and the given evaluations public, stamps their publication time and re-ranks their boards. The
 * boards are locked first (sorted), as completions lock them before touching evaluation rows, so the two never deadlock.
 */
async function publish(tx: DbOrTx, model: ModelRow, evaluationIds: number[]): Promise<void> {
  const boards = evaluationIds.length
    ? await tx
        .selectDistinct({ id: evaluations.benchmarkId, version: evaluations.benchmarkVersion })
        .from(evaluations)
        .where(inArray(evaluations.id, evaluationIds))
        .orderBy(evaluations.benchmarkId, evaluations.benchmarkVersion)
    : [];
  for (const b of boards) await lockBoard(tx, b.id, b.version);
  const now = new Date();
  if (model.visibility !== "public") {
    await assertNoPublicTwin(tx, model);
    await tx.update(models).set({ visibility: "public", updatedAt: now }).where(eq(models.id, model.id));
  }
  if (evaluationIds.length === 0) return;
  await tx
    .update(evaluations)
    .set({ visibility: "public", publishedAt: now })
    .where(and(inArray(evaluations.id, evaluationIds), ne(evaluations.visibility, "public")));
  for (const b of boards) await recomputeRanks(tx, b.id, b.version);
}

/** One result: 404 (as for an id nobody has) to anyone who cannot see it, 403 to an admin who is not the owner. */
export async function publishResultOrThrow(db: DbOrTx, evaluationId: number, viewer: Viewer): Promise<PublishOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ e: evaluations, m: models })
      .from(evaluations)
      .innerJoin(models, eq(models.id, evaluations.modelId))
      .where(eq(evaluations.id, evaluationId));
    const visible =
      row &&
      (row.m.visibility === "public" && row.e.visibility === "public" ? true : canViewModel({ ...row.m, visibility: "private" }, viewer));
    if (!row || !visible) throw new AppError("not_found", `No result ${evaluationId}.`);
    const alreadyPublic = row.m.visibility === "public" && row.e.visibility === "public";
    if (!alreadyPublic) {
      assertOwner(row.m, viewer, "its results");
      await publish(tx, row.m, [row.e.id]);
    }
    return { modelSlug: row.m.slug, evaluationIds: [row.e.id], alreadyPublic };
  });
}

/** A model and its current results (older private attempts stay private, and counted as such). */
export async function publishModelOrThrow(db: DbOrTx, slug: string, viewer: Viewer): Promise<PublishOutcome> {
  return db.transaction(async (tx) => {
    const [model] = await tx.select().from(models).where(eq(models.slug, slug));
    if (!model || !canViewModel(model, viewer)) throw new AppError("not_found", `No model '${slug}'.`);
    const current = await tx
      .select({ id: evaluations.id, visibility: evaluations.visibility })
      .from(evaluations)
      .where(and(eq(evaluations.modelId, model.id), eq(evaluations.isCurrent, true)));
    const privateIds = current.filter((e) => e.visibility !== "public").map((e) => e.id);
    const alreadyPublic = model.visibility === "public" && privateIds.length === 0;
    if (!alreadyPublic) {
      assertOwner(model, viewer, "it");
      await publish(tx, model, privateIds);
    }
    return { modelSlug: model.slug, evaluationIds: current.map((e) => e.id), alreadyPublic };
  });
}
