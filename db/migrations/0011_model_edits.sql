CREATE TABLE "deleted_private_attempts" (
	"id" serial PRIMARY KEY NOT NULL,
	"owner_key" text NOT NULL,
	"benchmark_id" text NOT NULL,
	"evaluated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"model_id" integer NOT NULL,
	"action" text NOT NULL,
	"actor_user_id" text,
	"actor_name" text,
	"actor_role" text NOT NULL,
	"changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "code_url" text;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "weights_url" text;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "withdrawn_by_user_id" text;--> statement-breakpoint
ALTER TABLE "model_history" ADD CONSTRAINT "model_history_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deleted_private_attempts_owner_idx" ON "deleted_private_attempts" USING btree ("owner_key","benchmark_id");--> statement-breakpoint
CREATE INDEX "model_history_model_idx" ON "model_history" USING btree ("model_id","created_at");