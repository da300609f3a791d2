import { and, eq, inArray, isNotNull, lt, notExists, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { evaluations, jobs, models } from "@/db/schema";
import { BENCHMARKS } from "@/lib/benchmarks";
import { enqueueEvaluation } from "./jobs";

/**
 * When a benchmark's version changes, every public model evaluated under an older version is queued for the new
 * one; the old results stay on their version's board. Models with an attempt at the new version already
 * (running, done or failed) are left alone, so a failure is not retried forever.
 */
export async function enqueueReevaluations(db: DbOrTx): Promise<number> {
  let queued = 0;
  for (const benchmark of BENCHMARKS) {
    const stale = await db
      .selectDistinct({ modelId: evaluations.modelId })
      .from(evaluations)
      .innerJoin(models, eq(models.id, evaluations.modelId))
      .where(
        and(
          eq(evaluations.benchmarkId, benchmark.id),
          lt(evaluations.benchmarkVersion, benchmark.version),
          eq(evaluations.isDemo, false),
          eq(models.visibility, "public"),
          isNotNull(models.artifactPath),
          notExists(
            db
              .select({ one: sql`1` })
              .from(jobs)
              .where(
                and(
                  eq(jobs.modelId, evaluations.modelId),
                  eq(jobs.benchmarkId, benchmark.id),
                  eq(jobs.benchmarkVersion, benchmark.version),
                  inArray(jobs.status, ["queued", "running", "succeeded", "failed"]),
                ),
              ),
          ),
        ),
      );
    for (const { modelId } of stale) {
      await enqueueEvaluation(db, { modelId, benchmarkId: benchmark.id, benchmarkVersion: benchmark.version, reason: "benchmark_version" });
      queued++;
    }
  }
  return queued;
}
