DROP INDEX "models_weights_hash_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "models_owner_weights_uq" ON "models" USING btree ("owner_user_id","weights_hash","preprocessing") WHERE "models"."weights_hash" is not null;--> statement-breakpoint
CREATE INDEX "models_weights_hash_idx" ON "models" USING btree ("weights_hash");