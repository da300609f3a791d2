CREATE TABLE "benchmarks" (
	"id" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"ceiling" double precision,
	"metrics" jsonb NOT NULL,
	"primary_metric" text NOT NULL,
	"citation" text NOT NULL,
	"changelog" text DEFAULT '' NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benchmarks_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
CREATE TABLE "models" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"display_name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner_name" text NOT NULL,
	"owner_user_id" text,
	"family" text NOT NULL,
	"param_count" bigint,
	"training_data" text NOT NULL,
	"trained_on_human_maps" boolean DEFAULT false NOT NULL,
	"fine_tuned_from_id" integer,
	"paper_url" text,
	"licence" text,
	"preprocessing" jsonb NOT NULL,
	"input_size" integer DEFAULT 224 NOT NULL,
	"format" text DEFAULT 'layers' NOT NULL,
	"logits_node" text,
	"weights_hash" text,
	"artifact_path" text,
	"visibility" text DEFAULT 'public' NOT NULL,
	"flag_reason" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"previous_version_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" serial PRIMARY KEY NOT NULL,
	"model_id" integer NOT NULL,
	"benchmark_id" text NOT NULL,
	"benchmark_version" integer NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"scores" jsonb NOT NULL,
	"alignment" double precision,
	"alignment_lo" double precision,
	"alignment_hi" double precision,
	"top1" double precision,
	"top1_lo" double precision,
	"top1_hi" double precision,
	"n_images" integer NOT NULL,
	"n_undefined" integer DEFAULT 0 NOT NULL,
	"provenance" jsonb,
	"job_id" integer,
	"duration_ms" integer,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "image_results" (
	"evaluation_id" integer NOT NULL,
	"index" integer NOT NULL,
	"shard" text NOT NULL,
	"label" integer NOT NULL,
	"spearman" double precision,
	"correct" boolean NOT NULL,
	"dice" double precision,
	"iou" double precision
);
--> statement-breakpoint
CREATE TABLE "reference_points" (
	"id" serial PRIMARY KEY NOT NULL,
	"benchmark_id" text NOT NULL,
	"model" text NOT NULL,
	"variant" text NOT NULL,
	"top1_pct" double precision NOT NULL,
	"alignment_pct" double precision NOT NULL,
	"source" text NOT NULL,
	"how_obtained" text NOT NULL,
	"approximate" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_results" ADD CONSTRAINT "image_results_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "models_slug_uq" ON "models" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "models_weights_hash_uq" ON "models" USING btree ("weights_hash") WHERE "models"."weights_hash" is not null;--> statement-breakpoint
CREATE INDEX "models_family_idx" ON "models" USING btree ("family");--> statement-breakpoint
CREATE INDEX "models_owner_idx" ON "models" USING btree ("owner_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_current_uq" ON "evaluations" USING btree ("model_id","benchmark_id","benchmark_version") WHERE "evaluations"."is_current";--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_job_uq" ON "evaluations" USING btree ("job_id") WHERE "evaluations"."job_id" is not null;--> statement-breakpoint
CREATE INDEX "evaluations_board_idx" ON "evaluations" USING btree ("benchmark_id","benchmark_version","alignment");--> statement-breakpoint
CREATE UNIQUE INDEX "image_results_pk" ON "image_results" USING btree ("evaluation_id","index");--> statement-breakpoint
CREATE UNIQUE INDEX "reference_points_uq" ON "reference_points" USING btree ("benchmark_id","model","variant","source");