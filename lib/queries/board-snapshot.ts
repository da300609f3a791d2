/**
 * A benchmark version's whole board, read once and kept in memory until recomputeRanks bumps the version's
 * board_generation. The generation lives in the database, so several web processes on one PostgreSQL stay
 * consistent: each checks it at most once a second (a write in another process shows within a second), and a
 * write in this process (invalidateBoard) takes effect at once. Most requests then touch no database at all.
 */
import { and, eq, isNotNull, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { benchmarks, evaluations, models } from "@/db/schema";
import { searchTextOf, sortBoard, type BoardEntry } from "@/lib/leaderboard/board";
import type { SortDir, SortKey } from "@/lib/leaderboard/filters";

export type BoardFacets = { families: string[]; trainingData: string[] };

const sortedUnique = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
const facetsOf = (entries: BoardEntry[]): BoardFacets => ({
  families: sortedUnique(entries.map((e) => e.family)),
  trainingData: sortedUnique(entries.map((e) => e.trainingData)),
});

export type BoardSnapshot = {
  /** Rank order: measured rows first, then demo rows. */
  entries: BoardEntry[];
  measured: number;
  demo: number;
  slugByModelId: Map<number, string>;
  /** Filter values present on the board, with and without demo rows (precomputed: requests stay O(page)). */
  facets: { withDemo: BoardFacets; measuredOnly: BoardFacets };
  sorted: (sort: SortKey, dir: SortDir) => BoardEntry[];
  /** Derived values computed once per snapshot (e.g. the unfiltered scatter). */
  memo: <T>(key: string, compute: () => T) => T;
};

/** Rows on a board: current, public, ranked evaluations of public models of one benchmark version. */
export function boardScope(benchmarkId: string, version: number): SQL {
  return and(
    eq(evaluations.benchmarkId, benchmarkId),
    eq(evaluations.benchmarkVersion, version),
    eq(evaluations.isCurrent, true),
    eq(evaluations.visibility, "public"),
    eq(models.visibility, "public"),
    isNotNull(evaluations.rank),
  )!;
}

const pair = (lo: number | null, hi: number | null): [number, number] | null => (lo === null || hi === null ? null : [lo, hi]);

async function loadSnapshot(db: DbOrTx, benchmarkId: string, version: number): Promise<BoardSnapshot> {
  const rows = await db
    .select({
      evaluationId: evaluations.id,
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
      fineTunedFromId: models.fineTunedFromId,
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
    })
    .from(evaluations)
    .innerJoin(models, eq(models.id, evaluations.modelId))
    .where(boardScope(benchmarkId, version));
  const entries: BoardEntry[] = rows.map(({ top1Lo, top1Hi, alignmentLo, alignmentHi, createdAt, ...r }) => ({
    ...r,
    rank: r.rank!,
    rankBest: r.rankBest ?? r.rank!,
    tiedWith: r.tiedWith ?? 0,
    alignment: r.alignment!,
    top1Ci: pair(top1Lo, top1Hi),
    alignmentCi: pair(alignmentLo, alignmentHi),
    evaluatedAt: createdAt.toISOString(),
    searchText: searchTextOf(r),
  }));
  const orders = new Map<string, BoardEntry[]>();
  const byRank = sortBoard(entries, "rank", "asc");
  orders.set("rank:asc", byRank);
  const demo = entries.filter((e) => e.isDemo).length;
  const memos = new Map<string, unknown>();
  return {
    entries: byRank,
    measured: entries.length - demo,
    demo,
    slugByModelId: new Map(entries.map((e) => [e.modelId, e.slug])),
    facets: { withDemo: facetsOf(entries), measuredOnly: facetsOf(entries.filter((e) => !e.isDemo)) },
    sorted: (sort, dir) => {
      const key = `${sort}:${dir}`;
      let order = orders.get(key);
      if (!order) orders.set(key, (order = sortBoard(entries, sort, dir)));
      return order;
    },
    memo: <T>(key: string, compute: () => T): T => {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    },
  };
}

const GENERATION_CHECK_MS = 1000;

type Cached = { generation: number; checkedAt: number; localEpoch: number; snapshot: Promise<BoardSnapshot> };
const globalForBoards = globalThis as unknown as {
  __boardSnapshots?: WeakMap<object, Map<string, Cached>>;
  __boardEpoch?: { value: number };
};
const cacheByDb = (globalForBoards.__boardSnapshots ??= new WeakMap());
const localEpoch = (globalForBoards.__boardEpoch ??= { value: 0 });

/** Called by this process's board writes, so its own next read does not wait for the periodic check. */
export function noteBoardChanged(): void {
  localEpoch.value += 1;
}

export async function getBoardSnapshot(db: DbOrTx, benchmarkId: string, version: number): Promise<BoardSnapshot> {
  let cache = cacheByDb.get(db);
  if (!cache) cacheByDb.set(db, (cache = new Map()));
  const key = `${benchmarkId}@${version}`;
  const now = Date.now();
  const fresh = cache.get(key);
  if (fresh && fresh.localEpoch === localEpoch.value && now - fresh.checkedAt < GENERATION_CHECK_MS) {
    return fresh.snapshot;
  }
  const epoch = localEpoch.value;
  const [row] = await db
    .select({ generation: benchmarks.boardGeneration })
    .from(benchmarks)
    .where(and(eq(benchmarks.id, benchmarkId), eq(benchmarks.version, version)));
  // A version missing from the benchmarks table has no generation to watch: read it fresh every time.
  if (!row) return loadSnapshot(db, benchmarkId, version);
  const hit = cache.get(key);
  if (hit && hit.generation === row.generation) {
    hit.checkedAt = now;
    hit.localEpoch = epoch;
    return hit.snapshot;
  }
  const snapshot = loadSnapshot(db, benchmarkId, version);
  const entry: Cached = { generation: row.generation, checkedAt: now, localEpoch: epoch, snapshot };
  cache.set(key, entry);
  snapshot.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return snapshot;
}
