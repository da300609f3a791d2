CREATE TABLE "worker_benchmark_sightings" (
	"worker_token_id" integer NOT NULL,
	"worker_name" text NOT NULL,
	"benchmark_id" text NOT NULL,
	"benchmark_version" integer NOT NULL,
	"fingerprint" text NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "worker_benchmark_sightings_pk" PRIMARY KEY("worker_token_id","worker_name","benchmark_id","benchmark_version")
);
--> statement-breakpoint
ALTER TABLE "worker_benchmark_sightings" ADD CONSTRAINT "worker_benchmark_sightings_worker_token_id_worker_tokens_id_fk" FOREIGN KEY ("worker_token_id") REFERENCES "public"."worker_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "worker_benchmark_sightings_benchmark_idx" ON "worker_benchmark_sightings" USING btree ("benchmark_id","benchmark_version","last_seen_at");