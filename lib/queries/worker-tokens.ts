import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { workerTokens, type WorkerTokenRow } from "@/db/schema";
import { AppError } from "@/lib/errors";

const PREFIX = "hlw_";

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** The plain token is returned once and stored only as its sha256. */
export async function createWorkerToken(
  db: DbOrTx,
  name: string,
  role: WorkerTokenRow["role"] = "worker",
): Promise<{ token: string; row: WorkerTokenRow }> {
  const token = PREFIX + crypto.randomBytes(24).toString("base64url");
  const [row] = await db
    .insert(workerTokens)
    .values({ name, role, tokenHash: hashToken(token) })
    .onConflictDoNothing({ target: workerTokens.name })
    .returning();
  if (!row) throw new AppError("conflict", `A worker token named '${name}' exists already; revoke it or pick another name.`);
  return { token, row };
}

export async function revokeWorkerToken(db: DbOrTx, name: string): Promise<boolean> {
  const revoked = await db
    .update(workerTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(workerTokens.name, name), isNull(workerTokens.revokedAt)))
    .returning({ id: workerTokens.id });
  return revoked.length > 0;
}

export async function listWorkerTokens(db: DbOrTx): Promise<WorkerTokenRow[]> {
  return db.select().from(workerTokens).orderBy(workerTokens.id);
}

/** Resolves an `Authorization: Bearer …` header to a live token, or throws 401. */
export async function authenticateWorkerOrThrow(
  db: DbOrTx,
  authorization: string | null,
  info?: Record<string, unknown>,
): Promise<WorkerTokenRow> {
  const match = authorization?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw new AppError("unauthenticated", "A worker token is required: send 'Authorization: Bearer <token>'.");
  const [row] = await db
    .update(workerTokens)
    .set({ lastSeenAt: new Date(), ...(info ? { lastSeenInfo: info } : {}) })
    .where(and(eq(workerTokens.tokenHash, hashToken(match[1])), isNull(workerTokens.revokedAt)))
    .returning();
  if (!row) throw new AppError("unauthenticated", "The worker token is unknown or revoked.");
  return row;
}
