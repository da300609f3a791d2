ALTER TABLE "jobs" ADD COLUMN "timeout_seconds" integer;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "memory_mb" integer;