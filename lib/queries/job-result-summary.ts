/** What a succeeded job's status shows: its result's primary score with the 95% interval, its board rank and its page. */
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { countRankedOnBoard } from "./ranks";
import { evaluations, models } from "@/db/schema";
import { findBenchmark } from "@/lib/benchmarks";
import type { MetricId } from "@/lib/metrics/registry";

export type JobResultSummary = {
  evaluationId: number;
  /** The benchmark's primary metric (lib/metrics/registry formats it); null value when the run did not define it. */
  metric: MetricId;
  value: number | null;
  ci95: [number, number] | null;
  /** Board rank as recomputeRanks materialised it; null when off the board (private, hidden, or no primary score). */
  rank: number | null;
  rankBest: number | null;
  /** Ranked rows of the same kind (measured or demo) on this benchmark version. */
  boardSize: number;
  /** The page at /results/:id: for everyone when public; a private one opens for its owner and admins (404 to others). */
  isPublic: boolean;
  url: string;
};

export async function getJobResultSummary(db: DbOrTx, evaluationId: number): Promise<JobResultSummary | null> {
  const [e] = await db
    .select({
      id: evaluations.id,
      benchmarkId: evaluations.benchmarkId,
      benchmarkVersion: evaluations.benchmarkVersion,
      isDemo: evaluations.isDemo,
      scores: evaluations.scores,
      rank: evaluations.rank,
      rankBest: evaluations.rankBest,
      isPublic: sql<boolean>`${evaluations.visibility} = 'public' and ${models.visibility} = 'public'`,
    })
    .from(evaluations)
    .innerJoin(models, eq(models.id, evaluations.modelId))
    .where(eq(evaluations.id, evaluationId));
  if (!e) return null;
  const metric = findBenchmark(e.benchmarkId)?.primaryMetric ?? "alignment";
  const score = e.scores[metric];
  const boardSize = await countRankedOnBoard(db, e);
  return {
    evaluationId: e.id,
    metric,
    value: score?.value ?? null,
    ci95: score?.ci95 ?? null,
    rank: e.rank,
    rankBest: e.rankBest,
    boardSize,
    isPublic: e.isPublic,
    url: `/results/${e.id}`,
  };
}
