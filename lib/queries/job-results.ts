import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { evaluations, evaluationThumbnails, imageResults, jobs, models, type MetricScore } from "@/db/schema";
import { getBenchmark } from "@/lib/benchmarks";
import { AppError } from "@/lib/errors";
import { getMetric, type BoardColumn } from "@/lib/metrics/registry";
import type { CompleteRequest, EvaluationReport } from "@/lib/queue/protocol";
import type { SiteProvenance, StoredProvenance } from "@/lib/types/provenance";
import { getHeldJobOrThrow } from "./jobs";
import { lockBoard, recomputeRanks } from "./ranks";

const IMAGE_ROWS_PER_INSERT = 2000;

/**
 * The report's provenance as it came (the protocol schema has checked it: lib/types/provenance.ts), plus what only
 * the site knows (worker, job, attempt) and a "how" benchmark's curves. Nothing is renamed or defaulted.
 */
export function toProvenance(report: EvaluationReport, site: SiteProvenance): StoredProvenance {
  return {
    ...report.provenance,
    ...site,
    ...(report.psychophysics ? { psychophysics: report.psychophysics } : {}),
  };
}

/**
 * The denormalised board columns: each holds the value and interval of the benchmark's metric stored in it (ClickMe:
 * alignment and top-1; psychophysics: its score in the alignment column), or null.
 */
export function boardColumnsOf(benchmarkId: string, scores: Record<string, MetricScore>) {
  const column = (c: BoardColumn) => {
    const id = getBenchmark(benchmarkId).metrics.find((m) => getMetric(m).board?.column === c);
    const s = id === undefined ? undefined : scores[id];
    return { value: s?.value ?? null, lo: s?.ci95?.[0] ?? null, hi: s?.ci95?.[1] ?? null };
  };
  const a = column("alignment");
  const t = column("top1");
  return { alignment: a.value, alignmentLo: a.lo, alignmentHi: a.hi, top1: t.value, top1Lo: t.lo, top1Hi: t.hi };
}

/** The benchmark's metrics, each read from the report where its registry entry says; undefined ones are left out. */
export function scoresOf(report: EvaluationReport): Record<string, MetricScore> {
  const scores: Record<string, MetricScore> = {};
  for (const id of getBenchmark(report.benchmark.id).metrics) {
    const { value, ci95 } = getMetric(id).aggregate(report);
    if (value !== null && Number.isFinite(value)) scores[id] = { value, ci95 };
  }
  return scores;
}

/**
 * Stores a worker's result exactly once per job: a repeated post of the same attempt returns the stored evaluation,
 * a post from a superseded attempt or after the lease expired is refused.
 */
export async function completeJob(
  db: DbOrTx,
  jobId: number,
  tokenId: number,
  input: CompleteRequest,
): Promise<{ evaluationId: number; duplicate: boolean }> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(jobs).where(eq(jobs.id, jobId)).for("update");
    if (current?.status === "succeeded" && current.attempts === input.attempt && current.evaluationId !== null) {
      return { evaluationId: current.evaluationId, duplicate: true };
    }
    const job = await getHeldJobOrThrow(tx, jobId, tokenId, input.attempt);
    await lockBoard(tx, job.benchmarkId, job.benchmarkVersion);
    const { report } = input;
    if (report.benchmark.id !== job.benchmarkId || report.benchmark.version !== job.benchmarkVersion) {
      throw new AppError(
        "bad_request",
        `The report is for ${report.benchmark.id} v${report.benchmark.version}, the job for ${job.benchmarkId} v${job.benchmarkVersion}.`,
      );
    }
    const [model] = await tx.select().from(models).where(eq(models.id, job.modelId));
    await tx
      .update(evaluations)
      .set({ isCurrent: false })
      .where(
        and(
          eq(evaluations.modelId, job.modelId),
          eq(evaluations.benchmarkId, job.benchmarkId),
          eq(evaluations.benchmarkVersion, job.benchmarkVersion),
          eq(evaluations.isCurrent, true),
        ),
      );
    const provenance = toProvenance(report, { worker: job.workerName, job_id: job.id, attempt: job.attempts });
    const scores = scoresOf(report);
    const [evaluation] = await tx
      .insert(evaluations)
      .values({
        modelId: job.modelId,
        benchmarkId: job.benchmarkId,
        benchmarkVersion: job.benchmarkVersion,
        isDemo: false,
        isCurrent: true,
        visibility: model.visibility === "public" ? "public" : "private",
        scores,
        ...boardColumnsOf(job.benchmarkId, scores),
        nImages: report.n_images,
        nUndefined: report.n_undefined,
        provenance,
        jobId: job.id,
        durationMs: report.provenance.duration_ms,
        publishedAt: model.visibility === "public" ? new Date() : null,
      })
      .returning({ id: evaluations.id });
    for (let i = 0; i < report.per_image.length; i += IMAGE_ROWS_PER_INSERT) {
      await tx.insert(imageResults).values(
        report.per_image.slice(i, i + IMAGE_ROWS_PER_INSERT).map((r) => ({
          evaluationId: evaluation.id,
          index: r.index,
          shard: r.shard,
          label: r.label,
          spearman: r.spearman,
          correct: r.correct,
          dice: r.dice ?? null,
          iou: r.iou ?? null,
        })),
      );
    }
    if (input.thumbnails.length) {
      await tx.insert(evaluationThumbnails).values(
        input.thumbnails.map((t) => ({
          evaluationId: evaluation.id,
          kind: t.kind,
          imageIndex: t.index,
          png: Buffer.from(t.pngBase64, "base64"),
        })),
      );
    }
    await tx
      .update(jobs)
      .set({
        status: "succeeded",
        evaluationId: evaluation.id,
        leaseExpiresAt: null,
        finishedAt: new Date(),
        progressDone: report.n_images,
        progressTotal: report.n_images,
        history: [
          ...job.history,
          {
            attempt: job.attempts,
            worker: job.workerName,
            startedAt: job.attemptStartedAt?.toISOString() ?? null,
            endedAt: new Date().toISOString(),
            outcome: "succeeded",
          },
        ],
      })
      .where(eq(jobs.id, job.id));
    await recomputeRanks(tx, job.benchmarkId, job.benchmarkVersion);
    return { evaluationId: evaluation.id, duplicate: false };
  });
}
