import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { referencePoints, type ReferencePointRow } from "@/db/schema";
import { getBenchmarkDefinitionOrThrow } from "./benchmark-version";

export type { ReferencePointRow } from "@/db/schema";
export type NewReferencePoint = Omit<ReferencePointRow, "id">;

/** The published reference layer of a benchmark (unranked, approximate). Unknown benchmark → not_found. */
export async function listReferencePoints(db: DbOrTx, benchmarkId: string): Promise<ReferencePointRow[]> {
  getBenchmarkDefinitionOrThrow(benchmarkId);
  return db
    .select()
    .from(referencePoints)
    .where(eq(referencePoints.benchmarkId, benchmarkId))
    .orderBy(asc(referencePoints.model), asc(referencePoints.variant));
}

/** Idempotent: a point is identified by (benchmark, model, variant, source). */
export async function upsertReferencePoints(db: DbOrTx, points: NewReferencePoint[]): Promise<void> {
  if (points.length === 0) return;
  await db
    .insert(referencePoints)
    .values(points)
    .onConflictDoUpdate({
      target: [referencePoints.benchmarkId, referencePoints.model, referencePoints.variant, referencePoints.source],
      set: {
        top1Pct: sql`excluded.top1_pct`,
        alignmentPct: sql`excluded.alignment_pct`,
        howObtained: sql`excluded.how_obtained`,
        approximate: sql`excluded.approximate`,
      },
    });
}
