import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { models, type ModelRow } from "@/db/schema";

/** The model a claimed or held job evaluates (its row exists: jobs reference models with a foreign key). */
export async function getJobModel(db: DbOrTx, modelId: number): Promise<ModelRow> {
  const [model] = await db.select().from(models).where(eq(models.id, modelId));
  return model;
}
