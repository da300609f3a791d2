import crypto from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { apiTokens, users, type ApiTokenRow, type UserRow } from "@/db/schema";
import { AppError } from "@/lib/errors";

const PREFIX = "hlp_";

export const hashApiToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export type ApiTokenSummary = Omit<ApiTokenRow, "tokenHash">;

/** A new personal token: the plain value is returned once; the table keeps its sha256 and last four characters. */
export async function createApiToken(db: DbOrTx, userId: string, name: string): Promise<{ token: string; row: ApiTokenSummary }> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 80) throw new AppError("bad_request", "name: give the token a name of 1 to 80 characters.");
  const token = PREFIX + crypto.randomBytes(32).toString("base64url");
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, name: trimmed, tokenHash: hashApiToken(token), hint: token.slice(-4) })
    .returning();
  const { tokenHash: _hash, ...summary } = row;
  return { token, row: summary };
}

export async function listApiTokens(db: DbOrTx, userId: string): Promise<ApiTokenSummary[]> {
  const rows = await db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.id));
  return rows.map(({ tokenHash: _hash, ...r }) => r);
}

/** Only the owner can revoke; someone else's token id answers like a missing one. */
export async function revokeApiToken(db: DbOrTx, userId: string, id: number): Promise<void> {
  const done = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (!done.length) throw new AppError("not_found", `No live API token ${id} on this account.`);
}

/** The user a live token belongs to (recording its use), or null. */
export async function authenticateApiToken(db: DbOrTx, token: string): Promise<UserRow | null> {
  const [hit] = await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.tokenHash, hashApiToken(token)), isNull(apiTokens.revokedAt)))
    .returning({ userId: apiTokens.userId });
  if (!hit) return null;
  const [user] = await db.select().from(users).where(eq(users.id, hit.userId));
  return user ?? null;
}
