import { and, asc, desc, eq, gt, inArray, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { jobs, models, type JobAttempt, type JobReason, type JobRow } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { backoffSeconds, estimateEtaSeconds, leaseSeconds } from "@/lib/queue/policy";
import type { BenchmarkAdvert, FailureClass } from "@/lib/queue/protocol";
import { getJobResultSummary, type JobResultSummary } from "./job-result-summary";
import { getWaitingForWorker, type WaitingForWorker } from "./worker-sightings";

const ACTIVE = ["queued", "running"] as const;

function attemptEntry(job: JobRow, outcome: JobAttempt["outcome"], message?: string): JobAttempt {
  return {
    attempt: job.attempts,
    worker: job.workerName,
    startedAt: job.attemptStartedAt?.toISOString() ?? null,
    endedAt: new Date().toISOString(),
    outcome,
    ...(message ? { message: message.slice(0, 500) } : {}),
  };
}

/** Idempotent: an active job for the same model × benchmark version is returned instead of a second one. */
export async function enqueueEvaluation(
  db: DbOrTx,
  input: { modelId: number; benchmarkId: string; benchmarkVersion: number; reason: JobReason; priority?: number },
): Promise<JobRow> {
  const active = and(
    eq(jobs.modelId, input.modelId),
    eq(jobs.benchmarkId, input.benchmarkId),
    eq(jobs.benchmarkVersion, input.benchmarkVersion),
    inArray(jobs.status, [...ACTIVE]),
  );
  const [inserted] = await db
    .insert(jobs)
    .values({ ...input, priority: input.priority ?? 0 })
    .onConflictDoNothing({
      target: [jobs.modelId, jobs.benchmarkId, jobs.benchmarkVersion],
      where: sql`${jobs.status} in ('queued', 'running')`,
    })
    .returning();
  if (inserted) return inserted;
  const [existing] = await db.select().from(jobs).where(active).limit(1);
  if (!existing) throw new Error("enqueueEvaluation: conflict without an active job");
  return existing;
}

/**
 * Leases that ran out go back to the queue with backoff (or fail once their attempts are spent), so a worker
 * killed mid-evaluation never leaves a job in "running".
 */
export async function requeueExpiredLeases(db: DbOrTx): Promise<number> {
  const expired = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.status, "running"), lte(jobs.leaseExpiresAt, sql`now()`)))
    .for("update", { skipLocked: true });
  for (const job of expired) {
    const exhausted = job.attempts >= job.maxAttempts;
    await db
      .update(jobs)
      .set({
        status: exhausted ? "failed" : "queued",
        // The worker died, not the model: another worker may take it at once.
        runAfter: sql`now()`,
        leaseExpiresAt: null,
        failureClass: exhausted ? "transient" : job.failureClass,
        failureMessage: exhausted ? `The worker stopped reporting (lease expired) on all ${job.attempts} attempts.` : job.failureMessage,
        finishedAt: exhausted ? sql`now()` : null,
        history: [...job.history, attemptEntry(job, "lease_expired", "the worker stopped sending heartbeats")],
      })
      .where(and(eq(jobs.id, job.id), eq(jobs.attempts, job.attempts)));
  }
  return expired.length;
}

/**
 * One job, atomically: FOR UPDATE SKIP LOCKED lets any number of workers claim concurrently without doubles. A worker
 * that lists its benchmarks gets only jobs of those exact benchmark versions (none when the list is empty).
 */
export async function claimNextJob(
  db: DbOrTx,
  worker: { name: string; tokenId: number; benchmarks?: Pick<BenchmarkAdvert, "id" | "version">[] },
): Promise<JobRow | null> {
  if (worker.benchmarks && !worker.benchmarks.length) return null;
  await requeueExpiredLeases(db);
  const candidate = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.status, "queued"),
        lte(jobs.runAfter, sql`now()`),
        worker.benchmarks
          ? or(...worker.benchmarks.map((b) => and(eq(jobs.benchmarkId, b.id), eq(jobs.benchmarkVersion, b.version))))
          : undefined,
      ),
    )
    .orderBy(desc(jobs.priority), asc(jobs.id))
    .limit(1)
    .for("update", { skipLocked: true });
  const [claimed] = await db
    .update(jobs)
    .set({
      status: "running",
      attempts: sql`${jobs.attempts} + 1`,
      workerName: worker.name,
      workerTokenId: worker.tokenId,
      leaseExpiresAt: sql`now() + make_interval(secs => ${leaseSeconds()})`,
      attemptStartedAt: sql`now()`,
      progressDone: 0,
      progressTotal: null,
      progressUpdatedAt: sql`now()`,
    })
    // A scalar subquery runs once (an InitPlan); `IN (subquery)` may be re-run per row and claim every job.
    .where(and(sql`${jobs.id} = (${candidate})`, eq(jobs.status, "queued")))
    .returning();
  return claimed ?? null;
}

/** The job a worker holds, or a 409 that says why it no longer holds it. */
export async function getHeldJobOrThrow(
  db: DbOrTx,
  jobId: number,
  tokenId: number,
  attempt: number,
  opts: { lock?: boolean } = {},
): Promise<JobRow> {
  const query = db.select().from(jobs).where(eq(jobs.id, jobId));
  const [job] = opts.lock ? await query.for("update") : await query;
  if (!job) throw new AppError("not_found", `Job ${jobId} does not exist.`);
  if (job.status !== "running") throw new AppError("conflict", `Job ${jobId} is ${job.status}, not running.`);
  if (job.attempts !== attempt || job.workerTokenId !== tokenId) {
    throw new AppError("conflict", `Attempt ${attempt} of job ${jobId} was superseded by attempt ${job.attempts}.`);
  }
  const [{ expired }] = await db
    .select({ expired: sql<boolean>`${jobs.leaseExpiresAt} < now()` })
    .from(jobs)
    .where(eq(jobs.id, jobId));
  if (expired) throw new AppError("conflict", `The lease on job ${jobId} expired; its result is refused.`);
  return job;
}

export async function heartbeatJob(
  db: DbOrTx,
  jobId: number,
  tokenId: number,
  input: { attempt: number; progress?: { done: number; total: number }; log?: string },
): Promise<{ leaseExpiresAt: Date }> {
  return db.transaction(async (tx) => {
    const job = await getHeldJobOrThrow(tx, jobId, tokenId, input.attempt, { lock: true });
    const [updated] = await tx
      .update(jobs)
      .set({
        leaseExpiresAt: sql`now() + make_interval(secs => ${leaseSeconds()})`,
        ...(input.progress
          ? { progressDone: input.progress.done, progressTotal: input.progress.total, progressUpdatedAt: sql`now()` }
          : {}),
        ...(input.log ? { logExcerpt: tailLog(job.logExcerpt, input.log) } : {}),
      })
      .where(eq(jobs.id, job.id))
      .returning({ leaseExpiresAt: jobs.leaseExpiresAt });
    return { leaseExpiresAt: updated.leaseExpiresAt! };
  });
}

function tailLog(previous: string | null, added: string): string {
  const joined = previous ? `${previous}\n${added}` : added;
  return joined.length > 8000 ? joined.slice(joined.length - 8000) : joined;
}

/** Retryable failures go back to the queue with backoff until attempts run out; the others fail for good. */
export async function failJob(
  db: DbOrTx,
  jobId: number,
  tokenId: number,
  input: { attempt: number; failureClass: FailureClass; message: string; logExcerpt?: string },
): Promise<JobRow> {
  return db.transaction(async (tx) => {
    const job = await getHeldJobOrThrow(tx, jobId, tokenId, input.attempt, { lock: true });
    const retry = input.failureClass === "transient" && job.attempts < job.maxAttempts;
    const [updated] = await tx
      .update(jobs)
      .set({
        status: retry ? "queued" : "failed",
        runAfter: retry ? sql`now() + make_interval(secs => ${backoffSeconds(job.attempts)})` : job.runAfter,
        leaseExpiresAt: null,
        failureClass: input.failureClass,
        failureMessage: input.message,
        logExcerpt: input.logExcerpt ?? job.logExcerpt,
        finishedAt: retry ? null : sql`now()`,
        history: [...job.history, attemptEntry(job, input.failureClass, input.message)],
      })
      .where(eq(jobs.id, job.id))
      .returning();
    return updated;
  });
}

/** A worker shutting down hands its job back: it is queued again at once and the attempt is not counted. */
export async function releaseJob(db: DbOrTx, jobId: number, tokenId: number, input: { attempt: number; reason: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const job = await getHeldJobOrThrow(tx, jobId, tokenId, input.attempt, { lock: true });
    await tx
      .update(jobs)
      .set({
        status: "queued",
        attempts: job.attempts - 1,
        runAfter: sql`now()`,
        leaseExpiresAt: null,
        history: [...job.history, attemptEntry(job, "released", input.reason)],
      })
      .where(eq(jobs.id, job.id));
  });
}

export async function cancelJob(db: DbOrTx, jobId: number, reason: string): Promise<JobRow> {
  const [updated] = await db
    .update(jobs)
    .set({ status: "cancelled", leaseExpiresAt: null, finishedAt: sql`now()`, failureMessage: reason })
    .where(and(eq(jobs.id, jobId), inArray(jobs.status, [...ACTIVE])))
    .returning();
  if (!updated) throw new AppError("conflict", `Job ${jobId} is not queued or running, so it cannot be cancelled.`);
  return updated;
}

export type JobStatusView = {
  id: number;
  status: JobRow["status"];
  modelSlug: string;
  benchmark: { id: string; version: number };
  queuePosition: number | null;
  /** Set while queued when no recently seen worker holds this benchmark version's data. */
  waitingFor: WaitingForWorker | null;
  progress: { done: number; total: number | null; fraction: number | null };
  etaSeconds: number | null;
  attempts: number;
  maxAttempts: number;
  failureClass: JobRow["failureClass"];
  failureMessage: string | null;
  logExcerpt: string | null;
  history: JobAttempt[];
  evaluationId: number | null;
  /** Set once the job succeeded: the primary score with its interval, the board rank and the result's page. */
  result: JobResultSummary | null;
  createdAt: string;
  finishedAt: string | null;
};

export async function getJobStatusOrThrow(db: DbOrTx, jobId: number): Promise<JobStatusView> {
  const [row] = await db
    .select({ job: jobs, slug: models.slug, now: sql<string>`now()` })
    .from(jobs)
    .innerJoin(models, eq(models.id, jobs.modelId))
    .where(eq(jobs.id, jobId));
  if (!row) throw new AppError("not_found", `Job ${jobId} does not exist.`);
  const { job } = row;
  let queuePosition: number | null = null;
  if (job.status === "queued") {
    const [{ ahead }] = await db
      .select({ ahead: sql<number>`count(*)::int` })
      .from(jobs)
      .where(
        and(
          eq(jobs.status, "queued"),
          or(gt(jobs.priority, job.priority), and(eq(jobs.priority, job.priority), sql`${jobs.id} < ${job.id}`)),
        ),
      );
    queuePosition = ahead + 1;
  }
  const elapsed = job.attemptStartedAt ? (new Date(row.now).getTime() - job.attemptStartedAt.getTime()) / 1000 : 0;
  return {
    id: job.id,
    status: job.status,
    modelSlug: row.slug,
    benchmark: { id: job.benchmarkId, version: job.benchmarkVersion },
    queuePosition,
    waitingFor: await getWaitingForWorker(db, job),
    progress: {
      done: job.progressDone,
      total: job.progressTotal,
      fraction: job.progressTotal ? job.progressDone / job.progressTotal : null,
    },
    etaSeconds: job.status === "running" ? estimateEtaSeconds(job.progressDone, job.progressTotal, elapsed) : null,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    failureClass: job.failureClass,
    failureMessage: job.failureMessage,
    logExcerpt: job.logExcerpt,
    history: job.history,
    evaluationId: job.evaluationId,
    result: job.status === "succeeded" && job.evaluationId !== null ? await getJobResultSummary(db, job.evaluationId) : null,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

export async function listJobsForModel(db: DbOrTx, modelId: number): Promise<JobRow[]> {
  return db.select().from(jobs).where(eq(jobs.modelId, modelId)).orderBy(desc(jobs.id));
}
