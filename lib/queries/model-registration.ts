/**
 * The database side of registering a model (lib/submissions/register.ts): duplicate checks, a conflict-safe insert and
 * the removal of stored files nobody uses. Identical weights are serialised by an advisory lock on their hash, so of N
 * concurrent identical submissions one inserts and the others see its committed row; the insert itself is
 * `on conflict do nothing`, so a lost race (a slug taken meanwhile) never aborts the caller's transaction.
 */
import { eq, like, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { models, type ModelRow } from "@/db/schema";
import { AppError } from "@/lib/errors";

type NewModel = typeof models.$inferInsert;

export function slugify(name: string): string {
  const base = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return base || "model";
}

async function freeSlug(db: DbOrTx, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (await db.select({ slug: models.slug }).from(models).where(or(eq(models.slug, base), like(models.slug, `${base}-%`)))).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Held until the transaction ends: one submission of given weights at a time, and no cleanup while one runs. */
export async function lockWeights(tx: DbOrTx, weightsHash: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"weights:" + weightsHash}))`);
}

function duplicateError(existing: Pick<ModelRow, "displayName" | "slug">): AppError {
  return new AppError("conflict", `These weights are already on the leaderboard as '${existing.displayName}' (/models/${existing.slug}).`, {
    existing: existing.slug,
  });
}

/** 409 naming the model that already has these weights. */
export async function assertWeightsNotRegistered(db: DbOrTx, weightsHash: string): Promise<void> {
  const [duplicate] = await db.select({ displayName: models.displayName, slug: models.slug }).from(models).where(eq(models.weightsHash, weightsHash));
  if (duplicate) throw duplicateError(duplicate);
}

/** The id of the model `fineTunedFrom` names; a 400 if there is none. */
export async function getParentModelIdOrThrow(db: DbOrTx, slug: string): Promise<number> {
  const [parent] = await db.select({ id: models.id }).from(models).where(eq(models.slug, slug));
  if (!parent) throw new AppError("bad_request", `fineTunedFrom: no model with slug '${slug}'.`);
  return parent.id;
}

/**
 * Inserts the model under the first free slug for its display name. A conflict (slug or weights taken by a concurrent
 * commit) inserts nothing instead of raising: weights are a 409, a slug is retried with the next free one.
 */
export async function insertModelOrConflict(db: DbOrTx, values: Omit<NewModel, "slug">): Promise<ModelRow> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const [model] = await db
      .insert(models)
      .values({ ...values, slug: await freeSlug(db, values.displayName) })
      .onConflictDoNothing()
      .returning();
    if (model) return model;
    if (values.weightsHash) await assertWeightsNotRegistered(db, values.weightsHash);
  }
  throw new AppError("conflict", `Could not find a free slug for '${values.displayName}'; try again.`);
}

/**
 * After a failed registration, in its own transaction (the failed one is gone): removes the stored files unless a
 * model row uses them, under the same lock as registration, so a concurrent identical submission keeps its files.
 */
export async function releaseArtifactIfUnused(
  db: DbOrTx,
  artifact: { path: string; weightsHash: string },
  remove: (dir: string) => Promise<void>,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockWeights(tx, artifact.weightsHash);
    const [user] = await tx.select({ id: models.id }).from(models).where(eq(models.artifactPath, artifact.path));
    if (!user) await remove(artifact.path);
  });
}
