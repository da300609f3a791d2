import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { evaluations, jobs, models, type JobRow, type ModelRow } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recomputeRanks } from "@/lib/queries/ranks";

export type AdminModel = Pick<ModelRow, "id" | "slug" | "displayName" | "ownerName" | "visibility" | "flagReason" | "isDemo" | "createdAt">;
export type AdminJob = Pick<
  JobRow,
  "id" | "benchmarkId" | "benchmarkVersion" | "status" | "attempts" | "maxAttempts" | "failureClass" | "workerName" | "createdAt"
> & { modelSlug: string };

export async function listModelsForAdmin(db: DbOrTx, limit = 200): Promise<AdminModel[]> {
  return db
    .select({
      id: models.id,
      slug: models.slug,
      displayName: models.displayName,
      ownerName: models.ownerName,
      visibility: models.visibility,
      flagReason: models.flagReason,
      isDemo: models.isDemo,
      createdAt: models.createdAt,
    })
    .from(models)
    .orderBy(desc(models.createdAt), desc(models.id))
    .limit(limit);
}

/** Active jobs first, then the most recent finished ones. */
export async function listJobsForAdmin(db: DbOrTx, limit = 100): Promise<AdminJob[]> {
  return db
    .select({
      id: jobs.id,
      benchmarkId: jobs.benchmarkId,
      benchmarkVersion: jobs.benchmarkVersion,
      status: jobs.status,
      attempts: jobs.attempts,
      maxAttempts: jobs.maxAttempts,
      failureClass: jobs.failureClass,
      workerName: jobs.workerName,
      createdAt: jobs.createdAt,
      modelSlug: models.slug,
    })
    .from(jobs)
    .innerJoin(models, eq(models.id, jobs.modelId))
    .orderBy(sql`${jobs.status} in ('queued', 'running') desc`, desc(jobs.id))
    .limit(limit);
}

async function modelOrThrow(db: DbOrTx, slug: string): Promise<ModelRow> {
  const [model] = await db.select().from(models).where(eq(models.slug, slug));
  if (!model) throw new AppError("not_found", `No model '${slug}'.`);
  return model;
}

/** The board shows visibility and flags: re-rank every benchmark version the model has evaluations on. */
async function rerankModel(db: DbOrTx, modelId: number): Promise<void> {
  const versions = await db
    .selectDistinct({ id: evaluations.benchmarkId, version: evaluations.benchmarkVersion })
    .from(evaluations)
    .where(eq(evaluations.modelId, modelId));
  for (const v of versions) await recomputeRanks(db, v.id, v.version);
}

/**
 * Hiding takes a public model off every page but its owner's; unhiding makes it public again. Private models are
 * not hidden (they are off the board already), so unhiding can never publish a model its owner kept private.
 */
export async function setModelHidden(db: DbOrTx, slug: string, hidden: boolean): Promise<ModelRow> {
  return db.transaction(async (tx) => {
    const model = await modelOrThrow(tx, slug);
    const from = hidden ? "public" : "hidden";
    if (model.visibility !== from) {
      throw new AppError(
        "conflict",
        `Model '${slug}' is ${model.visibility}; only ${from} models can be ${hidden ? "hidden" : "unhidden"}.`,
      );
    }
    const [updated] = await tx
      .update(models)
      .set({ visibility: hidden ? "hidden" : "public", updatedAt: new Date() })
      .where(eq(models.id, model.id))
      .returning();
    await rerankModel(tx, model.id);
    return updated;
  });
}

/** A public moderation note shown with the model; an empty reason clears the flag. */
export async function setModelFlag(db: DbOrTx, slug: string, reason: string | null): Promise<ModelRow> {
  const text = reason?.trim() || null;
  if (text && text.length > 500) throw new AppError("bad_request", "reason must be at most 500 characters.");
  return db.transaction(async (tx) => {
    const model = await modelOrThrow(tx, slug);
    const [updated] = await tx.update(models).set({ flagReason: text, updatedAt: new Date() }).where(eq(models.id, model.id)).returning();
    await rerankModel(tx, model.id);
    return updated;
  });
}

/**
 * A finished job runs again now, with three more attempts; an active one is left alone. The last failure's class and
 * message are cleared (a queued job showing "Reason: …" would read as failed); each attempt's outcome stays in history.
 */
export async function requeueJob(db: DbOrTx, jobId: number): Promise<JobRow> {
  const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
  if (!job) throw new AppError("not_found", `Job ${jobId} does not exist.`);
  const [active] = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.modelId, job.modelId),
        eq(jobs.benchmarkId, job.benchmarkId),
        eq(jobs.benchmarkVersion, job.benchmarkVersion),
        inArray(jobs.status, ["queued", "running"]),
      ),
    );
  if (active && active.id !== jobId) {
    throw new AppError(
      "conflict",
      `Job ${active.id} already evaluates this model on ${job.benchmarkId} v${job.benchmarkVersion}; requeue refused.`,
    );
  }
  const [updated] = await db
    .update(jobs)
    .set({
      status: "queued",
      runAfter: sql`now()`,
      leaseExpiresAt: null,
      finishedAt: null,
      maxAttempts: sql`${jobs.attempts} + 3`,
      reason: "requeue",
      failureClass: null,
      failureMessage: null,
    })
    .where(and(eq(jobs.id, jobId), inArray(jobs.status, ["succeeded", "failed", "cancelled"])))
    .returning();
  if (updated) return updated;
  const [exists] = await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, jobId));
  if (!exists) throw new AppError("not_found", `Job ${jobId} does not exist.`);
  throw new AppError("conflict", `Job ${jobId} is ${exists.status}; only finished jobs can be requeued.`);
}
