import { sql } from "drizzle-orm";
import { customType, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { evaluations } from "./evaluations";
import { models } from "./models";

export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";
export type FailureClass = "invalid_model" | "oom" | "timeout" | "transient" | "cancelled";
export type JobReason = "submission" | "benchmark_version" | "requeue" | "demo";

export const jobs = pgTable(
  "jobs",
  {
    id: serial("id").primaryKey(),
    modelId: integer("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    benchmarkId: text("benchmark_id").notNull(),
    benchmarkVersion: integer("benchmark_version").notNull(),
    reason: text("reason").$type<JobReason>().notNull().default("submission"),
    status: text("status").$type<JobStatus>().notNull().default("queued"),
    priority: integer("priority").notNull().default(0),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(3),
    /** Per-job overrides of the site's default limits (an admin may raise them for a large model). */
    timeoutSeconds: integer("timeout_seconds"),
    memoryMb: integer("memory_mb"),
    runAfter: timestamp("run_after", { withTimezone: true }).notNull().defaultNow(),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    workerName: text("worker_name"),
    workerTokenId: integer("worker_token_id"),
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total"),
    /** When the current attempt started: with progress it gives the ETA. */
    attemptStartedAt: timestamp("attempt_started_at", { withTimezone: true }),
    progressUpdatedAt: timestamp("progress_updated_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    failureClass: text("failure_class").$type<FailureClass>(),
    failureMessage: text("failure_message"),
    logExcerpt: text("log_excerpt"),
    evaluationId: integer("evaluation_id").references(() => evaluations.id, { onDelete: "set null" }),
    /** Attempt history: one entry per finished attempt, so nothing about a retry is lost. */
    history: jsonb("history").$type<JobAttempt[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("jobs_active_uq")
      .on(t.modelId, t.benchmarkId, t.benchmarkVersion)
      .where(sql`${t.status} in ('queued', 'running')`),
    index("jobs_claim_idx").on(t.status, t.runAfter, t.priority, t.id),
    index("jobs_model_idx").on(t.modelId),
  ],
);

export type JobAttempt = {
  attempt: number;
  worker: string | null;
  startedAt: string | null;
  endedAt: string;
  outcome: "succeeded" | FailureClass | "lease_expired" | "released";
  message?: string;
};

export const workerTokens = pgTable(
  "worker_tokens",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    role: text("role").$type<"worker" | "scheduler">().notNull().default("worker"),
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
    lastSeenInfo: jsonb("last_seen_info").$type<Record<string, unknown>>(),
  },
  (t) => [uniqueIndex("worker_tokens_hash_uq").on(t.tokenHash), uniqueIndex("worker_tokens_name_uq").on(t.name)],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/** A few saliency / human-map thumbnails per evaluation, for the model page and the per-image explorer. */
export const evaluationThumbnails = pgTable(
  "evaluation_thumbnails",
  {
    evaluationId: integer("evaluation_id")
      .notNull()
      .references(() => evaluations.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"saliency" | "human" | "image">().notNull(),
    imageIndex: integer("image_index").notNull(),
    png: bytea("png").notNull(),
  },
  (t) => [uniqueIndex("evaluation_thumbnails_pk").on(t.evaluationId, t.kind, t.imageIndex)],
);

export type JobRow = typeof jobs.$inferSelect;
export type WorkerTokenRow = typeof workerTokens.$inferSelect;
