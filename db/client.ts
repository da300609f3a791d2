import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema";
import { acquireDirectoryLock } from "./lock";

export type Schema = typeof schema;
/** The common type of the PGlite and node-postgres drizzle databases: queries accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Queries take an optional transaction; `DbOrTx` is what they run on. */
export type DbOrTx = Db | Tx;

export type DatabaseHandle = { db: Db; kind: "pglite" | "postgres"; close: () => Promise<void> };

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");

export async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  const release = dataDir ? acquireDirectoryLock(path.resolve(dataDir)) : () => {};
  try {
    const client = dataDir ? new PGlite(path.resolve(dataDir)) : new PGlite();
    await client.waitReady;
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS });
    return {
      db,
      kind: "pglite",
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

export async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client can be dropped by the server (restart, admin termination); without a listener that error
  // would crash the process. The pool replaces the client on the next query.
  pool.on("error", (err) => console.error(`PostgreSQL: an idle connection failed: ${err.message}`));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  await migratePg(drizzlePg(pool), { migrationsFolder: MIGRATIONS });
  return { db, kind: "postgres", close: () => pool.end() };
}
