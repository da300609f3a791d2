import path from "node:path";
import { seedDatabase } from "@/lib/queries/seed";
import { getEnv } from "@/lib/env";
import { getDb } from "@/lib/queries/db";
import { issueLocalServiceTokens } from "@/lib/queries/local-tokens";
import { registerDemoModels } from "./demo";

/**
 * What the server process does once at start, as the owner of the database: migrate (on open) and seed; in the
 * embedded default (`npm run serve` sets LOCAL_SERVICES=1) also submit the demo models and issue the tokens of
 * the local worker and scheduler.
 */
export async function runStartupTasks(): Promise<void> {
  const db = await getDb();
  await seedDatabase(db);
  const env = getEnv();
  if (env.LOCAL_SERVICES !== "1") return;
  const dataDir = path.resolve(env.DATA_DIR);
  const registered = await registerDemoModels(db, dataDir);
  if (registered.length) console.log(`[startup] submitted demo models: ${registered.join(", ")}`);
  await issueLocalServiceTokens(db, dataDir);
}
