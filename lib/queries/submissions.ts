import { and, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { jobs, models, type JobRow, type ModelRow, type UserRole } from "@/db/schema";
import { OWNER_MAX_ATTEMPTS_PER_JOB } from "@/lib/types/model-limits";
import { AppError } from "@/lib/errors";
import { requeueJob } from "@/lib/queries/admin";
import { cancelJob, getJobStatusOrThrow, type JobStatusView } from "@/lib/queries/jobs";

/** Who is looking: null for an anonymous visitor. */
export type Viewer = { id: string; role: UserRole } | null;

const DAY_MS = 24 * 3600 * 1000;

/** Public and withdrawn models are for everyone; private and hidden ones only for their owner and admins. */
export function canViewModel(model: Pick<ModelRow, "visibility" | "ownerUserId">, viewer: Viewer): boolean {
  if (model.visibility === "public" || model.visibility === "withdrawn") return true;
  return !!viewer && (viewer.role === "admin" || viewer.id === model.ownerUserId);
}

/** The owner, or an admin: who sees a model's private parts and may cancel or re-queue its evaluations. */
export const canManageModel = (model: Pick<ModelRow, "ownerUserId">, viewer: Viewer) =>
  !!viewer && (viewer.role === "admin" || viewer.id === model.ownerUserId);
const canManage = canManageModel;

/** Serialises one user's submissions inside a transaction, so concurrent uploads cannot both pass the limit. */
export async function lockUserSubmissions(tx: DbOrTx, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"submissions:" + userId}))`);
}

/** 429 once the user has created `limit` models in the last 24 hours, saying when the next slot frees. */
export async function assertUnderSubmissionLimit(db: DbOrTx, userId: string, limit: number): Promise<void> {
  const recent = await db
    .select({ createdAt: models.createdAt })
    .from(models)
    .where(and(eq(models.ownerUserId, userId), gt(models.createdAt, sql`now() - interval '24 hours'`)))
    .orderBy(models.createdAt);
  if (recent.length < limit) return;
  const freeAt = new Date(recent[recent.length - limit].createdAt.getTime() + DAY_MS);
  throw new AppError(
    "rate_limited",
    `You have submitted ${recent.length} models in the last 24 hours; the limit is ${limit}. Try again after ${freeAt.toISOString()}.`,
    { retryAfter: freeAt.toISOString() },
  );
}

/** A model the viewer may manage (owner or admin); anything else is a 404, so private models do not leak. */
export async function getManagedModelOrThrow(db: DbOrTx, slug: string, viewer: Viewer): Promise<ModelRow> {
  const [model] = await db.select().from(models).where(eq(models.slug, slug));
  if (!model || !canViewModel(model, viewer)) throw new AppError("not_found", `No model '${slug}'.`);
  if (!canManage(model, viewer)) throw new AppError("forbidden", `Model '${slug}' belongs to someone else.`);
  return model;
}

export async function setPreviousVersion(db: DbOrTx, modelId: number, previousVersionId: number): Promise<void> {
  await db.update(models).set({ previousVersionId }).where(eq(models.id, modelId));
}

export type VersionLink = { slug: string; displayName: string };
export type SubmissionView = {
  model: ModelRow;
  jobs: JobStatusView[];
  previousVersion: VersionLink | null;
  nextVersions: VersionLink[];
  canManage: boolean;
};

/** The status page's data: the model, each evaluation job's status, and its version chain (visible links only). */
export async function getSubmissionOrThrow(db: DbOrTx, slug: string, viewer: Viewer): Promise<SubmissionView> {
  const [model] = await db.select().from(models).where(eq(models.slug, slug));
  if (!model || !canViewModel(model, viewer)) throw new AppError("not_found", `No submission '${slug}'.`);
  const jobRows = await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.modelId, model.id)).orderBy(desc(jobs.id));
  const statuses = await Promise.all(jobRows.map(async (j) => withResultFor(await getJobStatusOrThrow(db, j.id), model, viewer)));
  const visibleLink = async (cond: ReturnType<typeof eq>) =>
    (await db.select().from(models).where(cond).orderBy(models.id))
      .filter((m) => canViewModel(m, viewer))
      .map((m) => ({ slug: m.slug, displayName: m.displayName }));
  const previous = model.previousVersionId ? await visibleLink(eq(models.id, model.previousVersionId)) : [];
  return {
    model,
    jobs: statuses,
    previousVersion: previous[0] ?? null,
    nextVersions: await visibleLink(eq(models.previousVersionId, model.id)),
    canManage: canManage(model, viewer),
  };
}

export type SubmissionListItem = Pick<ModelRow, "id" | "slug" | "displayName" | "visibility" | "flagReason" | "createdAt"> & {
  jobs: Pick<JobRow, "id" | "benchmarkId" | "status" | "failureClass">[];
};

/** "My submissions": the user's models, newest first, with their jobs' statuses. */
export async function listSubmissionsForUser(db: DbOrTx, userId: string): Promise<SubmissionListItem[]> {
  const rows = await db
    .select({
      id: models.id,
      slug: models.slug,
      displayName: models.displayName,
      visibility: models.visibility,
      flagReason: models.flagReason,
      createdAt: models.createdAt,
    })
    .from(models)
    .where(eq(models.ownerUserId, userId))
    .orderBy(desc(models.createdAt), desc(models.id));
  const jobRows = rows.length
    ? await db
        .select({ id: jobs.id, modelId: jobs.modelId, benchmarkId: jobs.benchmarkId, status: jobs.status, failureClass: jobs.failureClass })
        .from(jobs)
        .where(
          inArray(
            jobs.modelId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(desc(jobs.id))
    : [];
  return rows.map((r) => ({ ...r, jobs: jobRows.filter((j) => j.modelId === r.id).map(({ modelId: _m, ...j }) => j) }));
}

async function jobModelOrThrow(db: DbOrTx, jobId: number, viewer: Viewer) {
  const [row] = await db
    .select({ visibility: models.visibility, ownerUserId: models.ownerUserId, status: jobs.status, attempts: jobs.attempts })
    .from(jobs)
    .innerJoin(models, eq(models.id, jobs.modelId))
    .where(eq(jobs.id, jobId));
  if (!row || !canViewModel(row, viewer)) throw new AppError("not_found", `Job ${jobId} does not exist.`);
  return row;
}

/**
 * A private result is shown only to those who may manage its model: a public model can hold a private result (one
 * evaluated before the model was published and not published itself), whose job anyone may look at.
 */
function withResultFor(status: JobStatusView, model: Pick<ModelRow, "ownerUserId">, viewer: Viewer): JobStatusView {
  if (!status.result || status.result.isPublic || canManage(model, viewer)) return status;
  return { ...status, result: null, evaluationId: null };
}

export async function getJobForViewerOrThrow(db: DbOrTx, jobId: number, viewer: Viewer): Promise<JobStatusView> {
  const model = await jobModelOrThrow(db, jobId, viewer);
  return withResultFor(await getJobStatusOrThrow(db, jobId), model, viewer);
}

/** The owner or an admin cancels; others get 404 (private model) or 403 (public model). */
export async function cancelJobForViewerOrThrow(db: DbOrTx, jobId: number, viewer: Viewer): Promise<JobRow> {
  const model = await jobModelOrThrow(db, jobId, viewer);
  if (!canManage(model, viewer)) throw new AppError("forbidden", `Job ${jobId} belongs to someone else's model.`);
  const who = viewer!.role === "admin" && viewer!.id !== model.ownerUserId ? "an admin" : "its owner";
  return cancelJob(db, jobId, `Cancelled by ${who}.`);
}

const REQUEUEABLE = new Set<JobRow["status"]>(["failed", "cancelled"]);

/**
 * The owner (or an admin) runs a cancelled or failed evaluation again, with three more attempts; others get 404
 * (private model) or 403 (public model). A succeeded one is not re-run: its result stands (an admin may re-queue it).
 */
export async function requeueJobForViewerOrThrow(db: DbOrTx, jobId: number, viewer: Viewer): Promise<JobRow> {
  const model = await jobModelOrThrow(db, jobId, viewer);
  if (!canManage(model, viewer)) throw new AppError("forbidden", `Job ${jobId} belongs to someone else's model.`);
  if (!REQUEUEABLE.has(model.status)) {
    throw new AppError("conflict", `Job ${jobId} is ${model.status}; only a cancelled or failed evaluation can be re-queued.`, {
      status: model.status,
    });
  }
  if (viewer?.role !== "admin" && model.attempts >= OWNER_MAX_ATTEMPTS_PER_JOB) {
    throw new AppError(
      "conflict",
      `Job ${jobId} has used ${model.attempts} attempts, the most an owner's re-queues may give one evaluation ` +
        `(${OWNER_MAX_ATTEMPTS_PER_JOB}); submit a new version of the model (for example with corrected preprocessing) ` +
        "or ask an administrator to run it again.",
      { attempts: model.attempts, limit: OWNER_MAX_ATTEMPTS_PER_JOB },
    );
  }
  return requeueJob(db, jobId);
}
