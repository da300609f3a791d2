/** Whole views for downloads and snapshots (every filtered row, no pagination) and the full JSON Lines dump. */
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { evaluations, models } from "@/db/schema";
import type { LeaderboardQuery } from "@/lib/leaderboard/filters";
import type { BoardExportRow } from "@/lib/snapshots/columns";
import { getLeaderboard, resolveShowDemo, type LeaderboardBenchmark } from "./leaderboard";
import { countPrivateAttemptsBefore } from "./results";
import type { DumpRecordJson } from "@/lib/openapi/published";

/** Far above any board this site holds (10,000 models); a view never comes back silently cut. */
export const MAX_EXPORT_ROWS = 100_000;

export type BoardExport = {
  benchmark: LeaderboardBenchmark;
  /** The query with version and include_demo resolved, page 1, every row on it. */
  query: LeaderboardQuery;
  rows: BoardExportRow[];
  totalUnfiltered: number;
  showsDemo: boolean;
};

export async function getBoardExport(db: DbOrTx, query: LeaderboardQuery): Promise<BoardExport> {
  const page = await getLeaderboard(db, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS });
  const showsDemo = resolveShowDemo(query.includeDemo, page.hasMeasured ? 1 : 0);
  const ids = page.rows.length
    ? await db
        .select({ id: evaluations.id, modelId: evaluations.modelId })
        .from(evaluations)
        .where(
          and(
            eq(evaluations.benchmarkId, page.benchmark.id),
            eq(evaluations.benchmarkVersion, page.benchmark.version),
            eq(evaluations.isCurrent, true),
            inArray(
              evaluations.modelId,
              page.rows.map((r) => r.modelId),
            ),
          ),
        )
    : [];
  const idByModel = new Map(ids.map((r) => [r.modelId, r.id]));
  const attempts = await countPrivateAttemptsBefore(
    db,
    ids.map((r) => r.id),
  );
  const rows: BoardExportRow[] = page.rows.map((r) => {
    const evaluationId = idByModel.get(r.modelId)!;
    return {
      rank: r.rank,
      rankBest: r.rankBest,
      tiedWith: r.tiedWith,
      slug: r.slug,
      displayName: r.displayName,
      family: r.family,
      paramCount: r.paramCount,
      trainingData: r.trainingData,
      trainedOnHumanMaps: r.trainedOnHumanMaps,
      isDemo: r.isDemo,
      top1: r.top1,
      top1Ci: r.top1Ci,
      alignment: r.alignment,
      alignmentCi: r.alignmentCi,
      nImages: r.nImages,
      nUndefined: r.nUndefined,
      evaluatedAt: r.evaluatedAt,
      benchmarkVersion: r.benchmarkVersion,
      evaluationId,
      privateAttemptsBefore: attempts.get(evaluationId) ?? 0,
    };
  });
  return {
    benchmark: page.benchmark,
    query: { ...query, version: page.benchmark.version, includeDemo: showsDemo, page: 1 },
    rows,
    totalUnfiltered: page.totalUnfiltered,
    showsDemo,
  };
}

/** One line of the full dump: every public, current evaluation of every benchmark version (lib/openapi/published.ts). */
export type DumpRecord = DumpRecordJson;

/** Pages by evaluation id (keyset), so memory stays flat however large the dump. */
export async function* iterateDump(db: DbOrTx, batchSize = 500): AsyncGenerator<DumpRecord> {
  let after = 0;
  for (;;) {
    const batch = await db
      .select({ e: evaluations, m: models })
      .from(evaluations)
      .innerJoin(models, eq(models.id, evaluations.modelId))
      .where(
        and(
          gt(evaluations.id, after),
          eq(evaluations.isCurrent, true),
          eq(evaluations.visibility, "public"),
          eq(models.visibility, "public"),
        ),
      )
      .orderBy(asc(evaluations.id))
      .limit(batchSize);
    for (const { e, m } of batch) {
      yield {
        evaluation_id: e.id,
        benchmark_id: e.benchmarkId,
        benchmark_version: e.benchmarkVersion,
        model: {
          slug: m.slug,
          display_name: m.displayName,
          family: m.family,
          param_count: m.paramCount,
          training_data: m.trainingData,
          trained_on_human_maps: m.trainedOnHumanMaps,
          owner_name: m.ownerName,
          weights_hash: m.weightsHash,
        },
        is_demo: e.isDemo,
        rank: e.rank,
        rank_best: e.rankBest,
        tied_with: e.tiedWith,
        scores: e.scores,
        n_images: e.nImages,
        n_undefined: e.nUndefined,
        provenance: e.provenance,
        published_at: e.publishedAt?.toISOString() ?? null,
        evaluated_at: e.createdAt.toISOString(),
      };
    }
    if (batch.length < batchSize) return;
    after = batch[batch.length - 1].e.id;
  }
}
