import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { workerTokens } from "./jobs";

/**
 * Which worker was last seen offering which benchmark version's data (its claim requests), and with which data
 * fingerprint: a queued job that no recently seen worker can run says so instead of showing a bare queue position.
 */
export const workerBenchmarkSightings = pgTable(
  "worker_benchmark_sightings",
  {
    workerTokenId: integer("worker_token_id")
      .notNull()
      .references(() => workerTokens.id, { onDelete: "cascade" }),
    /** token name / process name, without the slot suffix: the slots of one process share its data. */
    workerName: text("worker_name").notNull(),
    benchmarkId: text("benchmark_id").notNull(),
    benchmarkVersion: integer("benchmark_version").notNull(),
    fingerprint: text("fingerprint").notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "worker_benchmark_sightings_pk", columns: [t.workerTokenId, t.workerName, t.benchmarkId, t.benchmarkVersion] }),
    index("worker_benchmark_sightings_benchmark_idx").on(t.benchmarkId, t.benchmarkVersion, t.lastSeenAt),
  ],
);

export type WorkerBenchmarkSightingRow = typeof workerBenchmarkSightings.$inferSelect;
