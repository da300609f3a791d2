import { getEnv } from "@/lib/env";
import { openPglite, openPostgres, type DatabaseHandle, type Db } from "./client";

export type { Db, DbOrTx, Tx, DatabaseHandle } from "./client";

// `next dev` re-evaluates modules; the single database owner lives on globalThis.
const globalForDb = globalThis as unknown as { __leaderboardDb?: Promise<DatabaseHandle> };

/** The process-wide database: PostgreSQL when DATABASE_URL is set, else the embedded PGlite this process owns. */
export function getDatabase(): Promise<DatabaseHandle> {
  if (!globalForDb.__leaderboardDb) {
    const env = getEnv();
    const opening = env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openPglite(env.PGLITE_DIR);
    globalForDb.__leaderboardDb = opening.catch((err) => {
      globalForDb.__leaderboardDb = undefined;
      throw err;
    });
  }
  return globalForDb.__leaderboardDb;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
