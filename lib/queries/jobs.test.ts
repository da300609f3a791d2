import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { openTestDatabase, testDatabaseKinds, type TestDatabaseKind } from "@/db/testing";
import type { DatabaseHandle } from "@/db/client";
import { evaluations, imageResults, jobs, models, workerTokens, type JobRow } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { EvaluationReport } from "@/lib/queue/protocol";
import { testProvenance } from "@/lib/types/testing/provenance";
import {
  cancelJob,
  claimNextJob,
  enqueueEvaluation,
  failJob,
  getJobStatusOrThrow,
  heartbeatJob,
  releaseJob,
  requeueExpiredLeases,
} from "./jobs";
import { requeueJob } from "./admin";
import { completeJob } from "./job-results";
import { authenticateWorkerOrThrow, createWorkerToken, revokeWorkerToken } from "./worker-tokens";

function report(n: number, overrides: Partial<EvaluationReport> = {}): EvaluationReport {
  return {
    benchmark: { id: "synthetic", version: 1 },
    n_images: n,
    n_undefined: 0,
    alignment_score: 0.5,
    spearman_mean: 0.5 * 0.65753,
    top1_accuracy: 0.75,
    dice_mean: 0.3,
    iou_mean: 0.2,
    ci95: { alignment_score: [0.4, 0.6], top1_accuracy: [0.6, 0.9] },
    backend: { name: "cpu", version: "4.22.0" },
    provenance: testProvenance(n),
    per_image: Array.from({ length: n }, (_, index) => ({
      index,
      shard: "val-0",
      label: index % 10,
      spearman: 0.3,
      correct: index % 4 !== 0,
    })),
    ...overrides,
  };
}

describe.each(testDatabaseKinds())("job queue on %s", (kind: TestDatabaseKind) => {
  let handle: DatabaseHandle;
  let tokenId: number;
  let modelIds: number[];

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => handle?.close());

  beforeEach(async () => {
    const { db } = handle;
    await db.execute(sql`truncate jobs, evaluations, image_results, models, worker_tokens restart identity cascade`);
    tokenId = (await createWorkerToken(db, "w1")).row.id;
    const rows = await db
      .insert(models)
      .values(
        Array.from({ length: 20 }, (_, i) => ({
          slug: `m-${i}`,
          displayName: `M ${i}`,
          ownerName: "t",
          family: "CNN",
          trainingData: "synthetic",
          preprocessing: { scale: 1, mean: [0, 0, 0] as [number, number, number], std: [1, 1, 1] as [number, number, number] },
          artifactPath: "/nonexistent",
        })),
      )
      .returning({ id: models.id });
    modelIds = rows.map((r) => r.id);
  });

  const enqueue = (modelId: number) =>
    enqueueEvaluation(handle.db, { modelId, benchmarkId: "synthetic", benchmarkVersion: 1, reason: "submission" });
  const claim = (name = "w") => handle.db.transaction((tx) => claimNextJob(tx, { name, tokenId }));

  it("enqueues one active job per model and benchmark version", async () => {
    const a = await enqueue(modelIds[0]);
    const b = await enqueue(modelIds[0]);
    expect(b.id).toBe(a.id);
    const all = await handle.db.select().from(jobs);
    expect(all).toHaveLength(1);
  });

  it("claims in priority then id order and never hands out a job twice", async () => {
    const first = await enqueue(modelIds[0]);
    const urgent = await enqueueEvaluation(handle.db, {
      modelId: modelIds[1],
      benchmarkId: "synthetic",
      benchmarkVersion: 1,
      reason: "submission",
      priority: 5,
    });
    expect((await claim())?.id).toBe(urgent.id);
    const second = await claim();
    expect(second?.id).toBe(first.id);
    expect(second?.attempts).toBe(1);
    expect(second?.status).toBe("running");
    expect(await claim()).toBeNull();
  });

  it("lets 4 racing workers claim 20 jobs with no job claimed twice", async () => {
    for (const id of modelIds) await enqueue(id);
    const claimedBy = await Promise.all(
      [0, 1, 2, 3].map(async (w) => {
        const got: number[] = [];
        for (;;) {
          const job = await claim(`racer-${w}`);
          if (!job) return got;
          got.push(job.id);
        }
      }),
    );
    const all = claimedBy.flat();
    expect(all).toHaveLength(20);
    expect(new Set(all).size).toBe(20);
    const running = await handle.db.select().from(jobs).where(eq(jobs.status, "running"));
    expect(running.every((j) => j.attempts === 1)).toBe(true);
  });

  it("extends the lease on heartbeat and records progress; a stale attempt gets a conflict", async () => {
    await enqueue(modelIds[0]);
    const job = (await claim())!;
    const before = job.leaseExpiresAt!.getTime();
    await new Promise((r) => setTimeout(r, 20));
    const { leaseExpiresAt } = await heartbeatJob(handle.db, job.id, tokenId, { attempt: 1, progress: { done: 3, total: 10 } });
    expect(leaseExpiresAt.getTime()).toBeGreaterThan(before);
    const status = await getJobStatusOrThrow(handle.db, job.id);
    expect(status.progress).toEqual({ done: 3, total: 10, fraction: 0.3 });
    await expect(heartbeatJob(handle.db, job.id, tokenId, { attempt: 2 })).rejects.toThrow(/superseded/);
  });

  it("stores a completion once, even when it is posted twice", async () => {
    await enqueue(modelIds[0]);
    const job = (await claim())!;
    const first = await completeJob(handle.db, job.id, tokenId, { attempt: 1, report: report(12), thumbnails: [] });
    const again = await completeJob(handle.db, job.id, tokenId, { attempt: 1, report: report(12), thumbnails: [] });
    expect(again).toEqual({ evaluationId: first.evaluationId, duplicate: true });
    expect(await handle.db.select().from(evaluations)).toHaveLength(1);
    expect(await handle.db.select().from(imageResults)).toHaveLength(12);
    const [stored] = await handle.db.select().from(evaluations);
    expect(stored.alignment).toBe(0.5);
    expect(stored.alignmentLo).toBe(0.4);
    expect(stored.scores.top1).toEqual({ value: 0.75, ci95: [0.6, 0.9] });
    expect(stored.provenance?.worker).toBe("w");
    const status = await getJobStatusOrThrow(handle.db, job.id);
    expect(status.status).toBe("succeeded");
    expect(status.evaluationId).toBe(first.evaluationId);
  });

  it("stores concurrent completions on one board without deadlocking", async () => {
    // Each completion re-ranks the board's existing rows; on PostgreSQL two of them used to deadlock.
    for (const id of modelIds) await enqueue(id);
    const claimed: JobRow[] = [];
    for (let i = 0; i < modelIds.length; i++) claimed.push((await claim())!);
    const alignments = claimed.map((_, i) => ((i * 7) % 20) / 25);
    const complete = (i: number) =>
      completeJob(handle.db, claimed[i].id, tokenId, {
        attempt: 1,
        report: report(20, {
          alignment_score: alignments[i],
          ci95: { alignment_score: [alignments[i] - 0.01, alignments[i] + 0.01], top1_accuracy: null },
        }),
        thumbnails: [],
      });
    for (let i = 0; i < 8; i++) await complete(i);
    const results = await Promise.all(claimed.slice(8).map((_, k) => complete(8 + k)));
    expect(new Set(results.map((r) => r.evaluationId)).size).toBe(modelIds.length - 8);
    const stored = await handle.db.select().from(evaluations);
    expect(stored).toHaveLength(modelIds.length);
    expect(stored.every((e) => e.rank !== null)).toBe(true);
  });

  it("refuses a result that arrives after its lease expired, and the job is re-leased", async () => {
    await enqueue(modelIds[0]);
    const job = (await claim())!;
    await handle.db
      .update(jobs)
      .set({ leaseExpiresAt: sql`now() - interval '1 second'` })
      .where(eq(jobs.id, job.id));
    await expect(completeJob(handle.db, job.id, tokenId, { attempt: 1, report: report(2), thumbnails: [] })).rejects.toThrow(
      /lease .* expired/,
    );
    expect(await requeueExpiredLeases(handle.db)).toBe(1);
    const [requeued] = await handle.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(requeued.status).toBe("queued");
    expect(requeued.history.map((h) => h.outcome)).toEqual(["lease_expired"]);
    await handle.db
      .update(jobs)
      .set({ runAfter: sql`now()` })
      .where(eq(jobs.id, job.id));
    const again = (await claim())!;
    expect(again.attempts).toBe(2);
    await completeJob(handle.db, job.id, tokenId, { attempt: 2, report: report(2), thumbnails: [] });
    expect(await handle.db.select().from(evaluations)).toHaveLength(1);
  });

  it("rejects a report for another benchmark than the job's", async () => {
    await enqueue(modelIds[0]);
    const job = (await claim())!;
    await expect(
      completeJob(handle.db, job.id, tokenId, {
        attempt: 1,
        report: report(2, { benchmark: { id: "clickme", version: 1 } }),
        thumbnails: [],
      }),
    ).rejects.toThrow(/job for synthetic v1/);
  });

  it("retries transient failures with backoff, never invalid models", async () => {
    await enqueue(modelIds[0]);
    await enqueue(modelIds[1]);
    const a = (await claim())!;
    const b = (await claim())!;
    const retried = await failJob(handle.db, a.id, tokenId, { attempt: 1, failureClass: "transient", message: "network" });
    expect(retried.status).toBe("queued");
    expect(retried.runAfter.getTime()).toBeGreaterThan(Date.now() + 20_000);
    const invalid = await failJob(handle.db, b.id, tokenId, { attempt: 1, failureClass: "invalid_model", message: "bad shapes" });
    expect(invalid.status).toBe("failed");
    expect(invalid.failureMessage).toBe("bad shapes");
    await handle.db
      .update(jobs)
      .set({ attempts: 3, status: "running", workerTokenId: tokenId, leaseExpiresAt: sql`now() + interval '1 minute'` })
      .where(eq(jobs.id, a.id));
    const exhausted = await failJob(handle.db, a.id, tokenId, { attempt: 3, failureClass: "transient", message: "again" });
    expect(exhausted.status).toBe("failed");
  });

  it("puts a released job back at once without counting the attempt; cancel stops it", async () => {
    await enqueue(modelIds[0]);
    const job = (await claim())!;
    await releaseJob(handle.db, job.id, tokenId, { attempt: 1, reason: "SIGTERM" });
    const [row] = await handle.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row.status).toBe("queued");
    expect(row.attempts).toBe(0);
    const again = (await claim())!;
    expect(again.attempts).toBe(1);
    await cancelJob(handle.db, job.id, "admin");
    await expect(heartbeatJob(handle.db, job.id, tokenId, { attempt: 1 })).rejects.toThrow(/cancelled/);
    await expect(cancelJob(handle.db, job.id, "again")).rejects.toBeInstanceOf(AppError);
  });

  it("refuses to requeue a job while another evaluates the same model and benchmark version (409, not 500)", async () => {
    const first = await enqueue(modelIds[0]);
    await cancelJob(handle.db, first.id, "test");
    const second = await enqueue(modelIds[0]);
    await expect(requeueJob(handle.db, first.id)).rejects.toMatchObject({ code: "conflict" });
    await cancelJob(handle.db, second.id, "test");
    expect((await requeueJob(handle.db, first.id)).status).toBe("queued");
  });

  it("reports queue position and an ETA from progress", async () => {
    for (const id of modelIds.slice(0, 3)) await enqueue(id);
    const running = (await claim())!;
    const [, second, third] = await handle.db.select().from(jobs).orderBy(jobs.id);
    expect((await getJobStatusOrThrow(handle.db, second.id)).queuePosition).toBe(1);
    expect((await getJobStatusOrThrow(handle.db, third.id)).queuePosition).toBe(2);
    await handle.db
      .update(jobs)
      .set({ attemptStartedAt: sql`now() - interval '10 seconds'`, progressDone: 5, progressTotal: 10 })
      .where(eq(jobs.id, running.id));
    const eta = (await getJobStatusOrThrow(handle.db, running.id)).etaSeconds!;
    expect(eta).toBeGreaterThanOrEqual(9);
    expect(eta).toBeLessThanOrEqual(12);
  });

  it("stores worker tokens hashed and refuses unknown or revoked ones", async () => {
    const { token } = await createWorkerToken(handle.db, "w2");
    const rows = await handle.db.select().from(workerTokens);
    expect(rows.some((r) => r.tokenHash.includes(token))).toBe(false);
    expect((await authenticateWorkerOrThrow(handle.db, `Bearer ${token}`)).name).toBe("w2");
    await expect(authenticateWorkerOrThrow(handle.db, null)).rejects.toThrow(/token is required/);
    await expect(authenticateWorkerOrThrow(handle.db, "Bearer nope")).rejects.toThrow(/unknown or revoked/);
    expect(await revokeWorkerToken(handle.db, "w2")).toBe(true);
    await expect(authenticateWorkerOrThrow(handle.db, `Bearer ${token}`)).rejects.toThrow(/unknown or revoked/);
  });
});
