/**
 * The database side of registering a model (lib/submissions/register.ts): duplicate checks, a conflict-safe insert and
 * the removal of stored files nobody uses. Identical weights are serialised by an advisory lock on their hash, so of N
 * concurrent identical submissions one inserts and the others see its committed row; the insert itself is
 * `on conflict do nothing`, so a lost race (a slug taken meanwhile) never aborts the caller's transaction.
 *
 * A duplicate is the same weights with the same preprocessing (what is evaluated), among the caller's own models and
 * the public ones. Another account's private or hidden model is never a duplicate, never named and never a parent:
 * no response may reveal that it exists.
 */
import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, isNotNull, like, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { models, type ModelRow, type Preprocessing } from "@/db/schema";
import { AppError } from "@/lib/errors";

type NewModel = typeof models.$inferInsert;

export function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return base || "model";
}

/**
 * A private model's slug carries a random suffix, so it never holds a plain name that another account's upload would
 * then find taken ("-2"), which would reveal that a hidden model of that name exists.
 */
async function freeSlug(db: DbOrTx, name: string, visibility: NewModel["visibility"]): Promise<string> {
  const base = slugify(name);
  if (visibility === "private") return `${base.slice(0, 52)}-${randomBytes(4).toString("hex")}`;
  const taken = new Set(
    (
      await db
        .select({ slug: models.slug })
        .from(models)
        .where(or(eq(models.slug, base), like(models.slug, `${base}-%`)))
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Held until the transaction ends: one submission of given weights at a time, and no cleanup while one runs. */
export async function lockWeights(tx: DbOrTx, weightsHash: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"weights:" + weightsHash}))`);
}

/** What makes two submissions the same evaluation: the weights and the preprocessing, for this caller. */
export type DuplicateKey = { weightsHash: string; preprocessing: Preprocessing; ownerUserId: string | null };

/** Models the caller may be told about: public ones and, signed in, their own (any visibility). */
function visibleTo(ownerUserId: string | null): SQL {
  const isPublic = eq(models.visibility, "public");
  return ownerUserId === null ? isPublic : or(isPublic, and(isNotNull(models.ownerUserId), eq(models.ownerUserId, ownerUserId)))!;
}

/** The caller's own model with these weights and preprocessing if any, else such a public one; never another's private. */
export async function findDuplicateModel(
  db: DbOrTx,
  key: DuplicateKey,
): Promise<Pick<ModelRow, "slug" | "displayName" | "ownerUserId"> | null> {
  // PostgreSQL refuses a constant in ORDER BY ("non-integer constant"): an anonymous caller has no own models to prefer.
  const ownFirst = key.ownerUserId === null ? [] : [desc(sql`${models.ownerUserId} = ${key.ownerUserId}`)];
  const [found] = await db
    .select({ slug: models.slug, displayName: models.displayName, ownerUserId: models.ownerUserId })
    .from(models)
    .where(
      and(
        eq(models.weightsHash, key.weightsHash),
        sql`${models.preprocessing} = ${JSON.stringify(key.preprocessing)}::jsonb`,
        visibleTo(key.ownerUserId),
      ),
    )
    .orderBy(...ownFirst, asc(models.id))
    .limit(1);
  return found ?? null;
}

function duplicateError(existing: Pick<ModelRow, "displayName" | "slug" | "ownerUserId">, ownerUserId: string | null): AppError {
  if (ownerUserId !== null && existing.ownerUserId === ownerUserId) {
    const url = `/submissions/${existing.slug}`;
    return new AppError(
      "conflict",
      `You already submitted these weights with this preprocessing as '${existing.displayName}' (${url}). ` +
        "Re-queue its evaluation there, or submit them with a different preprocessing as a new version.",
      { existing: existing.slug, url, own: true },
    );
  }
  const url = `/models/${existing.slug}`;
  return new AppError("conflict", `These weights are already on the leaderboard as '${existing.displayName}' (${url}).`, {
    existing: existing.slug,
    url,
    own: false,
  });
}

/** 409 naming the caller's own or the public model that already has these weights and this preprocessing. */
export async function assertNotDuplicate(db: DbOrTx, key: DuplicateKey): Promise<void> {
  const duplicate = await findDuplicateModel(db, key);
  if (duplicate) throw duplicateError(duplicate, key.ownerUserId);
}

/**
 * The id of the model `fineTunedFrom` names, if the caller may see it (public, or their own); a 400 otherwise, with
 * the same words whether the slug is unknown or another account's private model.
 */
export async function getParentModelIdOrThrow(db: DbOrTx, slug: string, ownerUserId: string | null): Promise<number> {
  const [parent] = await db
    .select({ id: models.id })
    .from(models)
    .where(and(eq(models.slug, slug), visibleTo(ownerUserId)));
  if (!parent) throw new AppError("bad_request", `fineTunedFrom: no model with slug '${slug}'.`);
  return parent.id;
}

/**
 * Inserts the model under the first free slug for its display name. A conflict (slug, or the owner's weights and
 * preprocessing, taken by a concurrent commit) inserts nothing instead of raising: a duplicate is a 409, a slug is
 * retried with the next free one.
 */
export async function insertModelOrConflict(db: DbOrTx, values: Omit<NewModel, "slug">): Promise<ModelRow> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const [model] = await db
      .insert(models)
      .values({ ...values, slug: await freeSlug(db, values.displayName, values.visibility) })
      .onConflictDoNothing()
      .returning();
    if (model) return model;
    if (values.weightsHash) {
      await assertNotDuplicate(db, {
        weightsHash: values.weightsHash,
        preprocessing: values.preprocessing,
        ownerUserId: values.ownerUserId ?? null,
      });
    }
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
