import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { benchmarks, evaluations, models } from "@/db/schema";
import { getBenchmark } from "@/lib/benchmarks";
import { assignRanks } from "@/lib/leaderboard/ranks";
import { getMetric, orientForRanking, type MetricDefinition } from "@/lib/metrics/registry";
import { noteBoardChanged } from "./board-snapshot";

const CHUNK = 2000;

/**
 * Recomputes the materialised ranks of one benchmark version. Call it after any write that changes which
 * evaluations are on the board (new or re-run evaluation, visibility change, deletion). Measured and demo rows
 * are ranked separately, so a demo row never takes a rank from a measured model. Rows are ranked by the
 * benchmark's primary metric (its board column and direction from the metric registry); rows without it, not
 * current, or not public get rank null and are off the board. When a rank changed, it invalidates the board.
 */
/**
 * Serialises writers of one board until their transaction ends. Completions and rank recomputations each update
 * many evaluation rows; without this, two of them on PostgreSQL deadlock (seen in bench:queue with 8 workers).
 * Take it before touching the board's evaluations.
 */
export async function lockBoard(tx: DbOrTx, benchmarkId: string, version: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`board:${benchmarkId}:${version}`}))`);
}

/** The evaluation columns holding a ranked metric's value and 95% interval. */
function rankColumns(metric: MetricDefinition) {
  if (!metric.ranked || !metric.board) throw new Error(`Metric '${metric.id}' is not a ranked board metric`);
  const c = metric.board.column;
  return { value: evaluations[c], lo: evaluations[`${c}Lo`], hi: evaluations[`${c}Hi`] };
}

export async function recomputeRanks(db: DbOrTx, benchmarkId: string, version: number): Promise<number> {
  const metric = getMetric(getBenchmark(benchmarkId).primaryMetric);
  const col = rankColumns(metric);
  return db.transaction(async (tx) => {
    await lockBoard(tx, benchmarkId, version);
    const rows = await tx
      .select({
        id: evaluations.id,
        isDemo: evaluations.isDemo,
        value: col.value,
        lo: col.lo,
        hi: col.hi,
        rank: evaluations.rank,
        rankBest: evaluations.rankBest,
        tiedWith: evaluations.tiedWith,
        eligible: sql<boolean>`${evaluations.isCurrent} and ${evaluations.visibility} = 'public'
          and ${models.visibility} = 'public' and ${col.value} is not null`,
      })
      .from(evaluations)
      .innerJoin(models, eq(models.id, evaluations.modelId))
      .where(and(eq(evaluations.benchmarkId, benchmarkId), eq(evaluations.benchmarkVersion, version)));
    const eligible = rows.filter((r) => r.eligible);
    const next = new Map<number, { rank: number; rankBest: number; tiedWith: number }>();
    for (const demo of [false, true]) {
      const pool = eligible
        .filter((r) => r.isDemo === demo)
        // A missing interval is a point: the row ties only with rows whose interval contains its value.
        .map((r) => ({ id: r.id, ...orientForRanking(metric, { value: r.value!, lo: r.lo ?? r.value!, hi: r.hi ?? r.value! }) }));
      for (const r of assignRanks(pool)) next.set(r.id, r);
    }
    // Write only rows whose ranks changed: on embedded PGlite every rewritten row costs.
    const changed = rows.flatMap((r) => {
      const n = next.get(r.id);
      const want = n ? [n.rank, n.rankBest, n.tiedWith] : [null, null, null];
      return want[0] === r.rank && want[1] === r.rankBest && want[2] === r.tiedWith ? [] : [{ id: r.id, want }];
    });
    for (let i = 0; i < changed.length; i += CHUNK) {
      const values = sql.join(
        changed.slice(i, i + CHUNK).map(({ id, want: [a, b, c] }) => sql`(${id}::int, ${a}::int, ${b}::int, ${c}::int)`),
        sql`, `,
      );
      await tx.execute(sql`
        update ${evaluations} set rank = v.rank, rank_best = v.rank_best, tied_with = v.tied_with
        from (values ${values}) as v(id, rank, rank_best, tied_with)
        where ${evaluations.id} = v.id`);
    }
    if (changed.length > 0) await invalidateBoard(tx, benchmarkId, version);
    return next.size;
  });
}

/**
 * Makes every web process reload its cached copy of this board. recomputeRanks calls it when ranks change;
 * call it yourself after edits the board shows that leave ranks alone (a model's name, family, parameters).
 */
export async function invalidateBoard(db: DbOrTx, benchmarkId: string, version: number): Promise<void> {
  await db
    .update(benchmarks)
    .set({ boardGeneration: sql`${benchmarks.boardGeneration} + 1` })
    .where(and(eq(benchmarks.id, benchmarkId), eq(benchmarks.version, version)));
  noteBoardChanged();
}

/** How many ranked results share a result's board (the "of N" beside its rank; demo rows rank among themselves). */
export async function countRankedOnBoard(
  db: DbOrTx,
  board: { benchmarkId: string; benchmarkVersion: number; isDemo: boolean },
): Promise<number> {
  const [pool] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(evaluations)
    .where(
      and(
        eq(evaluations.benchmarkId, board.benchmarkId),
        eq(evaluations.benchmarkVersion, board.benchmarkVersion),
        eq(evaluations.isDemo, board.isDemo),
        isNotNull(evaluations.rank),
      ),
    );
  return pool.n;
}
