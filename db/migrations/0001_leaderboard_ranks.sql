ALTER TABLE "evaluations" ADD COLUMN "rank" integer;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "rank_best" integer;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "tied_with" integer;--> statement-breakpoint
CREATE INDEX "evaluations_rank_idx" ON "evaluations" USING btree ("benchmark_id","benchmark_version","is_demo","rank") WHERE "evaluations"."is_current";--> statement-breakpoint
CREATE INDEX "evaluations_model_idx" ON "evaluations" USING btree ("model_id");