import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { users, type UserRole, type UserRow } from "@/db/schema";
import { AppError } from "@/lib/errors";

export async function getUserById(db: DbOrTx, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

/** Roles change only here (the admin CLI); sign-up always makes a submitter. */
export async function setUserRole(db: DbOrTx, email: string, role: UserRole): Promise<UserRow> {
  const [row] = await db.update(users).set({ role, updatedAt: new Date() }).where(eq(users.email, email.trim().toLowerCase())).returning();
  if (!row) throw new AppError("not_found", `No account with e-mail '${email}'; the person must sign up first.`);
  return row;
}
