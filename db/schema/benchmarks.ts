import { boolean, doublePrecision, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** A benchmark version as registered in lib/benchmarks; rows are upserted from the registry at start. */
export const benchmarks = pgTable(
  "benchmarks",
  {
    id: text("id").notNull(),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    ceiling: doublePrecision("ceiling"),
    metrics: jsonb("metrics").$type<string[]>().notNull(),
    primaryMetric: text("primary_metric").notNull(),
    citation: text("citation").notNull(),
    changelog: text("changelog").notNull().default(""),
    isCurrent: boolean("is_current").notNull().default(true),
    /** Bumped by recomputeRanks: web processes cache this version's board until it changes. */
    boardGeneration: integer("board_generation").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.id, t.version] })],
);

export type BenchmarkRow = typeof benchmarks.$inferSelect;
