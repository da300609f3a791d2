import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export type SnapshotOrigin = "nightly" | "user";

/**
 * An immutable, content-addressed record of a leaderboard view. `content` is the canonical JSON exactly as
 * hashed: text, not jsonb, because jsonb re-orders keys and re-prints numbers, so the stored bytes could no
 * longer be re-hashed to verify the id.
 */
export const snapshots = pgTable(
  "snapshots",
  {
    /** The first 16 hex digits of `hash`: the published id (/snapshots/:id). */
    id: text("id").primaryKey(),
    /** sha256 of `content`, 64 hex digits. */
    hash: text("hash").notNull(),
    content: text("content").notNull(),
    benchmarkId: text("benchmark_id").notNull(),
    benchmarkVersion: integer("benchmark_version").notNull(),
    /** The view's URL query (page and page size left out), as leaderboardQueryToSearchParams writes it. */
    query: text("query").notNull(),
    rowCount: integer("row_count").notNull(),
    /** The latest evaluation date among the rows: the board's data cut-off. */
    dataCutoff: timestamp("data_cutoff", { withTimezone: true }),
    origin: text("origin").$type<SnapshotOrigin>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("snapshots_hash_uq").on(t.hash),
    index("snapshots_created_idx").on(t.createdAt),
    index("snapshots_benchmark_idx").on(t.benchmarkId, t.benchmarkVersion, t.createdAt),
  ],
);

export type SnapshotRow = typeof snapshots.$inferSelect;
