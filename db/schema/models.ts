import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import type { ModelFormat, Preprocessing, Visibility } from "@/lib/types";

export type { ModelFormat, Preprocessing, Visibility };

export const models = pgTable(
  "models",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull(),
    displayName: text("display_name").notNull(),
    description: text("description").notNull().default(""),
    ownerName: text("owner_name").notNull(),
    ownerUserId: text("owner_user_id"),
    family: text("family").notNull(),
    paramCount: bigint("param_count", { mode: "number" }),
    trainingData: text("training_data").notNull(),
    trainedOnHumanMaps: boolean("trained_on_human_maps").notNull().default(false),
    fineTunedFromId: integer("fine_tuned_from_id"),
    paperUrl: text("paper_url"),
    /** Display links the owner may add or change after submission (lib/types/model-edit.ts). */
    codeUrl: text("code_url"),
    weightsUrl: text("weights_url"),
    licence: text("licence"),
    preprocessing: jsonb("preprocessing").$type<Preprocessing>().notNull(),
    inputSize: integer("input_size").notNull().default(224),
    /** Number of logits; a model runs on the benchmarks whose labels all fall below it. */
    numClasses: integer("num_classes").notNull().default(1000),
    format: text("format").$type<ModelFormat>().notNull().default("layers"),
    logitsNode: text("logits_node"),
    /** ONNX models only: the default-domain opset and the exporter ("pytorch 1.13.1"), from the ModelProto. */
    onnxOpset: integer("onnx_opset"),
    onnxProducer: text("onnx_producer"),
    weightsHash: text("weights_hash"),
    artifactPath: text("artifact_path"),
    visibility: text("visibility").$type<Visibility>().notNull().default("public"),
    flagReason: text("flag_reason"),
    /** visibility = "withdrawn": off the live boards by its owner or an admin; its pages stay up, marked with these. */
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnReason: text("withdrawn_reason"),
    withdrawnByUserId: text("withdrawn_by_user_id"),
    isDemo: boolean("is_demo").notNull().default(false),
    /** A resubmission points at the model it supersedes, keeping history. */
    previousVersionId: integer("previous_version_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("models_slug_uq").on(t.slug),
    // Duplicates are per owner and per preprocessing (lib/queries/model-registration.ts): two accounts may hold the
    // same weights (one's private model must not block, or be revealed to, the other), and one account may evaluate
    // the same weights under another preprocessing. Uniqueness against public models is checked under the weights lock.
    uniqueIndex("models_owner_weights_uq")
      .on(t.ownerUserId, t.weightsHash, t.preprocessing)
      .where(sql`${t.weightsHash} is not null`),
    index("models_weights_hash_idx").on(t.weightsHash),
    index("models_family_idx").on(t.family),
    index("models_owner_idx").on(t.ownerUserId),
  ],
);

export type ModelHistoryAction = "edit" | "withdraw" | "reinstate";
export type FieldChange = { field: string; from: string | null; to: string | null };

/** A model's dated history of display edits, withdrawals and reinstatements (who, when, which fields from → to). */
export const modelHistory = pgTable(
  "model_history",
  {
    id: serial("id").primaryKey(),
    modelId: integer("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    action: text("action").$type<ModelHistoryAction>().notNull(),
    actorUserId: text("actor_user_id"),
    /** The actor's name at the time, or null for an admin who is not the owner (shown as "an admin"). */
    actorName: text("actor_name"),
    actorRole: text("actor_role").$type<"owner" | "admin">().notNull(),
    changes: jsonb("changes").$type<FieldChange[]>().notNull().default([]),
    reason: text("reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("model_history_model_idx").on(t.modelId, t.createdAt)],
);

/**
 * An evaluation of a deleted private model, kept as a count only: private_attempts_before (lib/queries/results.ts)
 * must not drop when an owner deletes the private attempts that preceded a published result.
 */
export const deletedPrivateAttempts = pgTable(
  "deleted_private_attempts",
  {
    id: serial("id").primaryKey(),
    /** coalesce(owner_user_id, 'name:' || owner_name), as countPrivateAttemptsBefore groups owners. */
    ownerKey: text("owner_key").notNull(),
    benchmarkId: text("benchmark_id").notNull(),
    /** The deleted evaluation's created_at. */
    evaluatedAt: timestamp("evaluated_at", { withTimezone: true }).notNull(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("deleted_private_attempts_owner_idx").on(t.ownerKey, t.benchmarkId)],
);

export type ModelHistoryRow = typeof modelHistory.$inferSelect;
export type ModelRow = typeof models.$inferSelect;
export type NewModelRow = typeof models.$inferInsert;
