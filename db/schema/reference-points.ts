import { boolean, doublePrecision, pgTable, serial, text, uniqueIndex } from "drizzle-orm/pg-core";

/** Points read off a published figure: an unranked reference layer, never leaderboard rows. */
export const referencePoints = pgTable(
  "reference_points",
  {
    id: serial("id").primaryKey(),
    benchmarkId: text("benchmark_id").notNull(),
    model: text("model").notNull(),
    variant: text("variant").notNull(),
    top1Pct: doublePrecision("top1_pct").notNull(),
    alignmentPct: doublePrecision("alignment_pct").notNull(),
    source: text("source").notNull(),
    howObtained: text("how_obtained").notNull(),
    approximate: boolean("approximate").notNull().default(true),
  },
  (t) => [uniqueIndex("reference_points_uq").on(t.benchmarkId, t.model, t.variant, t.source)],
);

export type ReferencePointRow = typeof referencePoints.$inferSelect;
