import type { DbOrTx } from "@/db";
import { boardFilter, pageOf, type BoardEntry } from "@/lib/leaderboard/board";
import type { LeaderboardQuery } from "@/lib/leaderboard/filters";
import type { LeaderboardRow } from "@/lib/leaderboard/row";
import { resolveBenchmarkVersion } from "./benchmark-version";
import { getBoardSnapshot } from "./board-snapshot";

export type { LeaderboardRow };

export type LeaderboardBenchmark = {
  id: string;
  version: number;
  title: string;
  ceiling: number | null;
  isCurrentVersion: boolean;
};

export type LeaderboardPage = {
  benchmark: LeaderboardBenchmark;
  /** The query as served: `version` resolved, `page` clamped to the last page. */
  query: LeaderboardQuery;
  /** The page the caller asked for; above `query.page` when it was past the last page. */
  requestedPage: number;
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

/** Demo rows are shown when asked for, or (automatically) while the board has no measured row. */
export function resolveShowDemo(includeDemo: boolean | null, measured: number): boolean {
  return includeDemo ?? measured === 0;
}

function toRow({ fineTunedFromId: _f, searchText: _s, ...e }: BoardEntry): LeaderboardRow {
  return { ...e, tied: e.tiedWith > 0 };
}

/**
 * One page of a benchmark version's board. Filters select rows; ranks stay global within the version
 * (materialised by recomputeRanks). A page past the end is clamped to the last page. Unknown benchmark or
 * version → AppError not_found.
 */
export async function getLeaderboard(db: DbOrTx, query: LeaderboardQuery): Promise<LeaderboardPage> {
  const bench = await resolveBenchmarkVersion(db, query.benchmark, query.version);
  const board = await getBoardSnapshot(db, bench.definition.id, bench.version);
  const showDemo = resolveShowDemo(query.includeDemo, board.measured);
  const { rows, total, page } = pageOf(board.sorted(query.sort, query.dir), boardFilter(query, showDemo), query.page, query.pageSize);
  return {
    benchmark: {
      id: bench.definition.id,
      version: bench.version,
      title: bench.title,
      ceiling: bench.ceiling,
      isCurrentVersion: bench.isCurrentVersion,
    },
    query: { ...query, version: bench.version, page },
    requestedPage: query.page,
    rows: rows.map(toRow),
    total,
    totalUnfiltered: board.measured + (showDemo ? board.demo : 0),
    facets: showDemo ? board.facets.withDemo : board.facets.measuredOnly,
    hasDemo: showDemo && board.demo > 0,
    hasMeasured: board.measured > 0,
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
export async function getScatterPoints(db: DbOrTx, query: LeaderboardQuery, options: { limit?: number } = {}): Promise<ScatterPoint[]> {
  const bench = await resolveBenchmarkVersion(db, query.benchmark, query.version);
  const board = await getBoardSnapshot(db, bench.definition.id, bench.version);
  const showDemo = resolveShowDemo(query.includeDemo, board.measured);
  const keep = boardFilter(query, showDemo);
  const limit = options.limit ?? Infinity;
  const collect = (cap: number) => {
    const points: ScatterPoint[] = [];
    for (const e of board.entries) {
      if (points.length >= cap) break;
      if (e.top1 === null || (keep && !keep(e))) continue;
      points.push({
        slug: e.slug,
        name: e.displayName,
        family: e.family,
        top1: e.top1,
        alignment: e.alignment,
        alignmentCi: e.alignmentCi,
        top1Ci: e.top1Ci,
        isDemo: e.isDemo,
        humanData: e.trainedOnHumanMaps,
        parentSlug: e.fineTunedFromId === null ? null : (board.slugByModelId.get(e.fineTunedFromId) ?? null),
      });
    }
    return points;
  };
  // The unfiltered scatter is what most pages ask for: build it once per snapshot.
  if (boardFilter(query, true) === null) return board.memo(`scatter:${showDemo}`, () => collect(Infinity)).slice(0, limit);
  return collect(limit);
}
