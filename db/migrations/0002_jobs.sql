CREATE TABLE "evaluation_thumbnails" (
	"evaluation_id" integer NOT NULL,
	"kind" text NOT NULL,
	"image_index" integer NOT NULL,
	"png" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" serial PRIMARY KEY NOT NULL,
	"model_id" integer NOT NULL,
	"benchmark_id" text NOT NULL,
	"benchmark_version" integer NOT NULL,
	"reason" text DEFAULT 'submission' NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 3 NOT NULL,
	"run_after" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_expires_at" timestamp with time zone,
	"worker_name" text,
	"worker_token_id" integer,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer,
	"attempt_started_at" timestamp with time zone,
	"progress_updated_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"failure_class" text,
	"failure_message" text,
	"log_excerpt" text,
	"evaluation_id" integer,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "worker_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text DEFAULT 'worker' NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"last_seen_info" jsonb
);
--> statement-breakpoint
ALTER TABLE "evaluation_thumbnails" ADD CONSTRAINT "evaluation_thumbnails_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_thumbnails_pk" ON "evaluation_thumbnails" USING btree ("evaluation_id","kind","image_index");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_active_uq" ON "jobs" USING btree ("model_id","benchmark_id","benchmark_version") WHERE "jobs"."status" in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "jobs_claim_idx" ON "jobs" USING btree ("status","run_after","priority","id");--> statement-breakpoint
CREATE INDEX "jobs_model_idx" ON "jobs" USING btree ("model_id");--> statement-breakpoint
CREATE UNIQUE INDEX "worker_tokens_hash_uq" ON "worker_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "worker_tokens_name_uq" ON "worker_tokens" USING btree ("name");