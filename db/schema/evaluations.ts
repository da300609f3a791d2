import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { StoredProvenance } from "@/lib/types/provenance";
import { models, type Visibility } from "./models";

export type MetricScore = { value: number; ci95: [number, number] | null };
/**
 * Everything needed to reproduce a number, in one spelling (snake_case): the worker's reported provenance as it came,
 * plus worker, job_id and attempt (lib/types/provenance.ts). Rows stored before migration 0013 were converted into it.
 */
export type Provenance = StoredProvenance;

export const evaluations = pgTable(
  "evaluations",
  {
    id: serial("id").primaryKey(),
    modelId: integer("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    benchmarkId: text("benchmark_id").notNull(),
    benchmarkVersion: integer("benchmark_version").notNull(),
    /** Demo placeholders are never measured numbers; every page and the API label them. */
    isDemo: boolean("is_demo").notNull().default(false),
    /** The latest succeeded evaluation of (model, benchmark, version); older ones stay as history. */
    isCurrent: boolean("is_current").notNull().default(true),
    visibility: text("visibility").$type<Visibility>().notNull().default("public"),
    scores: jsonb("scores").$type<Record<string, MetricScore>>().notNull(),
    // Denormalised primary numbers for sorting and filtering 10,000-row boards by index.
    alignment: doublePrecision("alignment"),
    alignmentLo: doublePrecision("alignment_lo"),
    alignmentHi: doublePrecision("alignment_hi"),
    top1: doublePrecision("top1"),
    top1Lo: doublePrecision("top1_lo"),
    top1Hi: doublePrecision("top1_hi"),
    /**
     * Materialised by recomputeRanks (lib/queries/ranks.ts) whenever a benchmark version's evaluations change,
     * so a 10,000-row board pages by index. Null: not ranked (not current, not public, or no alignment).
     */
    rank: integer("rank"),
    rankBest: integer("rank_best"),
    tiedWith: integer("tied_with"),
    nImages: integer("n_images").notNull(),
    nUndefined: integer("n_undefined").notNull().default(0),
    provenance: jsonb("provenance").$type<Provenance | null>(),
    jobId: integer("job_id"),
    durationMs: integer("duration_ms"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("evaluations_current_uq")
      .on(t.modelId, t.benchmarkId, t.benchmarkVersion)
      .where(sql`${t.isCurrent}`),
    uniqueIndex("evaluations_job_uq")
      .on(t.jobId)
      .where(sql`${t.jobId} is not null`),
    index("evaluations_board_idx").on(t.benchmarkId, t.benchmarkVersion, t.alignment),
    index("evaluations_rank_idx")
      .on(t.benchmarkId, t.benchmarkVersion, t.isDemo, t.rank)
      .where(sql`${t.isCurrent}`),
    index("evaluations_model_idx").on(t.modelId),
  ],
);

/** Per-image values of an evaluation, for the per-image explorer and re-aggregation. */
export const imageResults = pgTable(
  "image_results",
  {
    evaluationId: integer("evaluation_id")
      .notNull()
      .references(() => evaluations.id, { onDelete: "cascade" }),
    index: integer("index").notNull(),
    shard: text("shard").notNull(),
    label: integer("label").notNull(),
    spearman: doublePrecision("spearman"),
    correct: boolean("correct").notNull(),
    dice: doublePrecision("dice"),
    iou: doublePrecision("iou"),
  },
  (t) => [uniqueIndex("image_results_pk").on(t.evaluationId, t.index)],
);

export type EvaluationRow = typeof evaluations.$inferSelect;
export type NewEvaluationRow = typeof evaluations.$inferInsert;
export type ImageResultRow = typeof imageResults.$inferSelect;
