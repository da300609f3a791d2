CREATE TABLE "snapshots" (
	"id" text PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"content" text NOT NULL,
	"benchmark_id" text NOT NULL,
	"benchmark_version" integer NOT NULL,
	"query" text NOT NULL,
	"row_count" integer NOT NULL,
	"data_cutoff" timestamp with time zone,
	"origin" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "snapshots_hash_uq" ON "snapshots" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "snapshots_created_idx" ON "snapshots" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "snapshots_benchmark_idx" ON "snapshots" USING btree ("benchmark_id","benchmark_version","created_at");