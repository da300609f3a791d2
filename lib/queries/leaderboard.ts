import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { evaluations, models } from "@/db/schema";
import type { LeaderboardQuery } from "@/lib/leaderboard/filters";
import { boardScope, filterConditions, orderBy } from "./board-filters";
import { resolveBenchmarkVersion } from "./benchmark-version";

export type LeaderboardRow = {
  /** Competition rank by alignment within the benchmark version, among rows of the same kind (measured or demo). */
  rank: number;
  /** The best rank the 95% intervals admit (1 + rows whose lower bound is above this row's upper bound). */
  rankBest: number;
  /** Whether this row's interval overlaps another row's: its rank is statistically tied. */
  tied: boolean;
  tiedWith: number;
  modelId: number;
  slug: string;
  displayName: string;
  family: string;
  paramCount: number | null;
  trainingData: string;
  trainedOnHumanMaps: boolean;
  isDemo: boolean;
  top1: number | null;
  top1Ci: [number, number] | null;
  alignment: number | null;
  alignmentCi: [number, number] | null;
  nImages: number;
  nUndefined: number;
  /** ISO 8601. */
  evaluatedAt: string;
  benchmarkVersion: number;
};

export type LeaderboardBenchmark = {
  id: string;
  version: number;
  title: string;
  ceiling: number | null;
  isCurrentVersion: boolean;
};

export type LeaderboardPage = {
  benchmark: LeaderboardBenchmark;
  query: LeaderboardQuery;
  rows: LeaderboardRow[];
  /** Rows matching the filters (all pages). */
  total: number;
  /** Rows on the board before the user's filters (demo rows counted only when shown). */
  totalUnfiltered: number;
  /** Values present on this board, for the filter controls. */
  facets: { families: string[]; trainingData: string[] };
  /** Whether demo rows are shown: the page and API must then label them. */
  hasDemo: boolean;
  /** Whether the board holds measured (non-demo) rows at all. */
  hasMeasured: boolean;
};

type BoardStats = { measured: number; demo: number; facets: { family: string; trainingData: string; isDemo: boolean }[] };

async function boardStats(db: DbOrTx, benchmarkId: string, version: number): Promise<BoardStats> {
  const groups = await db
    .select({
      family: models.family,
      trainingData: models.trainingData,
      isDemo: evaluations.isDemo,
      n: sql<number>`count(*)`.mapWith(Number),
    })
    .from(evaluations)
    .innerJoin(models, eq(models.id, evaluations.modelId))
    .where(boardScope(benchmarkId, version))
    .groupBy(models.family, models.trainingData, evaluations.isDemo);
  let measured = 0;
  let demo = 0;
  for (const g of groups) {
    if (g.isDemo) demo += g.n;
    else measured += g.n;
  }
  return { measured, demo, facets: groups };
}

/** Demo rows are shown when asked for, or (automatically) while the board has no measured row. */
export function resolveShowDemo(includeDemo: boolean | null, measured: number): boolean {
  return includeDemo ?? measured === 0;
}

const ci = (lo: number | null, hi: number | null): [number, number] | null =>
  lo === null || hi === null ? null : [lo, hi];

const sortedUnique = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b));

const rowColumns = {
  rank: evaluations.rank,
  rankBest: evaluations.rankBest,
  tiedWith: evaluations.tiedWith,
  modelId: models.id,
  slug: models.slug,
  displayName: models.displayName,
  family: models.family,
  paramCount: models.paramCount,
  trainingData: models.trainingData,
  trainedOnHumanMaps: models.trainedOnHumanMaps,
  isDemo: evaluations.isDemo,
  top1: evaluations.top1,
  top1Lo: evaluations.top1Lo,
  top1Hi: evaluations.top1Hi,
  alignment: evaluations.alignment,
  alignmentLo: evaluations.alignmentLo,
  alignmentHi: evaluations.alignmentHi,
  nImages: evaluations.nImages,
  nUndefined: evaluations.nUndefined,
  createdAt: evaluations.createdAt,
  benchmarkVersion: evaluations.benchmarkVersion,
};

/**
 * One page of a benchmark version's board. Filters select rows; ranks stay global within the version
 * (materialised by recomputeRanks). Unknown benchmark or version → AppError not_found.
 */
export async function getLeaderboard(db: DbOrTx, query: LeaderboardQuery): Promise<LeaderboardPage> {
  const bench = await resolveBenchmarkVersion(db, query.benchmark, query.version);
  const stats = await boardStats(db, bench.definition.id, bench.version);
  const showDemo = resolveShowDemo(query.includeDemo, stats.measured);
  const where = and(boardScope(bench.definition.id, bench.version), ...filterConditions(query, showDemo));
  const found = await db
    .select({ ...rowColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(evaluations)
    .innerJoin(models, eq(models.id, evaluations.modelId))
    .where(where)
    .orderBy(...orderBy(query))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  let total = found[0]?.total ?? 0;
  if (found.length === 0 && query.page > 1) {
    const [c] = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(evaluations)
      .innerJoin(models, eq(models.id, evaluations.modelId))
      .where(where);
    total = c.n;
  }
  const visibleFacets = stats.facets.filter((f) => showDemo || !f.isDemo);
  return {
    benchmark: {
      id: bench.definition.id,
      version: bench.version,
      title: bench.title,
      ceiling: bench.ceiling,
      isCurrentVersion: bench.isCurrentVersion,
    },
    query: { ...query, version: bench.version },
    rows: found.map((r) => ({
      rank: r.rank!,
      rankBest: r.rankBest ?? r.rank!,
      tied: (r.tiedWith ?? 0) > 0,
      tiedWith: r.tiedWith ?? 0,
      modelId: r.modelId,
      slug: r.slug,
      displayName: r.displayName,
      family: r.family,
      paramCount: r.paramCount,
      trainingData: r.trainingData,
      trainedOnHumanMaps: r.trainedOnHumanMaps,
      isDemo: r.isDemo,
      top1: r.top1,
      top1Ci: ci(r.top1Lo, r.top1Hi),
      alignment: r.alignment,
      alignmentCi: ci(r.alignmentLo, r.alignmentHi),
      nImages: r.nImages,
      nUndefined: r.nUndefined,
      evaluatedAt: r.createdAt.toISOString(),
      benchmarkVersion: r.benchmarkVersion,
    })),
    total,
    totalUnfiltered: stats.measured + (showDemo ? stats.demo : 0),
    facets: {
      families: sortedUnique(visibleFacets.map((f) => f.family)),
      trainingData: sortedUnique(visibleFacets.map((f) => f.trainingData)),
    },
    hasDemo: showDemo && stats.demo > 0,
    hasMeasured: stats.measured > 0,
  };
}

export type ScatterPoint = {
  slug: string;
  name: string;
  family: string;
  top1: number;
  alignment: number;
  alignmentCi: [number, number] | null;
  top1Ci: [number, number] | null;
  isDemo: boolean;
  humanData: boolean;
  /** Slug of the model this one was fine-tuned from, when that model is on the same board (for arrows). */
  parentSlug: string | null;
};

/**
 * Every filtered point of the board with both top-1 and alignment (no pagination), best ranks first.
 * `limit` caps the count for pages that must stay small; the API passes none.
 */
export async function getScatterPoints(
  db: DbOrTx,
  query: LeaderboardQuery,
  options: { limit?: number } = {},
): Promise<ScatterPoint[]> {
  const bench = await resolveBenchmarkVersion(db, query.benchmark, query.version);
  const stats = await boardStats(db, bench.definition.id, bench.version);
  const showDemo = resolveShowDemo(query.includeDemo, stats.measured);
  const parent = sql<string | null>`(select p.slug from ${models} p where p.id = ${models.fineTunedFromId})`;
  const base = db
    .select({
      slug: models.slug,
      name: models.displayName,
      family: models.family,
      top1: evaluations.top1,
      top1Lo: evaluations.top1Lo,
      top1Hi: evaluations.top1Hi,
      alignment: evaluations.alignment,
      alignmentLo: evaluations.alignmentLo,
      alignmentHi: evaluations.alignmentHi,
      isDemo: evaluations.isDemo,
      humanData: models.trainedOnHumanMaps,
      parentSlug: parent,
    })
    .from(evaluations)
    .innerJoin(models, eq(models.id, evaluations.modelId))
    .where(
      and(
        boardScope(bench.definition.id, bench.version),
        sql`${evaluations.top1} is not null`,
        ...filterConditions(query, showDemo),
      ),
    )
    .orderBy(evaluations.isDemo, evaluations.rank, evaluations.id);
  const rows = options.limit !== undefined ? await base.limit(options.limit) : await base;
  return rows.map((r) => ({
    slug: r.slug,
    name: r.name,
    family: r.family,
    top1: r.top1!,
    alignment: r.alignment!,
    alignmentCi: ci(r.alignmentLo, r.alignmentHi),
    top1Ci: ci(r.top1Lo, r.top1Hi),
    isDemo: r.isDemo,
    humanData: r.humanData,
    parentSlug: r.parentSlug,
  }));
}
