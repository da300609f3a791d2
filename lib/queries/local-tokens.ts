import fs from "node:fs";
import path from "node:path";
import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { workerTokens } from "@/db/schema";
import { createWorkerToken } from "./worker-tokens";

export const LOCAL_TOKENS_FILE = "local-tokens.json";
const NAMES = { worker: "local-worker", scheduler: "local-scheduler" } as const;

/**
 * The embedded default runs its own worker and scheduler: fresh tokens on each start, handed to them through a
 * file only this user can read (the plain tokens exist nowhere else; the database keeps their hashes).
 */
export async function issueLocalServiceTokens(db: DbOrTx, dataDir: string): Promise<string> {
  await db.delete(workerTokens).where(inArray(workerTokens.name, Object.values(NAMES)));
  const worker = await createWorkerToken(db, NAMES.worker, "worker");
  const scheduler = await createWorkerToken(db, NAMES.scheduler, "scheduler");
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCAL_TOKENS_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ worker: worker.token, scheduler: scheduler.token }), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return file;
}
