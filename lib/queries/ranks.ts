import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { evaluations, models } from "@/db/schema";
import { assignRanks } from "@/lib/leaderboard/ranks";

const CHUNK = 2000;

/**
 * Recomputes the materialised ranks of one benchmark version. Call it after any write that changes which
 * evaluations are on the board (new or re-run evaluation, visibility change, deletion). Measured and demo rows
 * are ranked separately, so a demo row never takes a rank from a measured model. Rows without an alignment,
 * not current, or not public get rank null and are off the board.
 */
export async function recomputeRanks(db: DbOrTx, benchmarkId: string, version: number): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: evaluations.id,
        isDemo: evaluations.isDemo,
        value: evaluations.alignment,
        lo: evaluations.alignmentLo,
        hi: evaluations.alignmentHi,
      })
      .from(evaluations)
      .innerJoin(models, eq(models.id, evaluations.modelId))
      .where(
        and(
          eq(evaluations.benchmarkId, benchmarkId),
          eq(evaluations.benchmarkVersion, version),
          eq(evaluations.isCurrent, true),
          eq(evaluations.visibility, "public"),
          eq(models.visibility, "public"),
          sql`${evaluations.alignment} is not null`,
        ),
      );
    await tx
      .update(evaluations)
      .set({ rank: null, rankBest: null, tiedWith: null })
      .where(and(eq(evaluations.benchmarkId, benchmarkId), eq(evaluations.benchmarkVersion, version)));
    const ranked = [true, false].flatMap((demo) =>
      assignRanks(
        rows
          .filter((r) => r.isDemo === demo)
          // A missing interval is a point: the row ties only with rows whose interval contains its value.
          .map((r) => ({ id: r.id, value: r.value!, lo: r.lo ?? r.value!, hi: r.hi ?? r.value! })),
      ),
    );
    for (let i = 0; i < ranked.length; i += CHUNK) {
      const values = sql.join(
        ranked.slice(i, i + CHUNK).map((r) => sql`(${r.id}::int, ${r.rank}::int, ${r.rankBest}::int, ${r.tiedWith}::int)`),
        sql`, `,
      );
      await tx.execute(sql`
        update ${evaluations} set rank = v.rank, rank_best = v.rank_best, tied_with = v.tied_with
        from (values ${values}) as v(id, rank, rank_best, tied_with)
        where ${evaluations.id} = v.id`);
    }
    return ranked.length;
  });
}
