/** Idempotent seed: registry benchmarks, the paper's reference layer, labelled demo models (run by scripts/db-seed.ts and at startup). */
import { eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { evaluations, models } from "@/db/schema";
import { demoEvaluations, demoModels } from "@/db/seed-demo";
import { paperReferencePoints } from "@/db/seed-reference-points";
import { upsertBenchmarksFromRegistry } from "./benchmarks";
import { recomputeRanks } from "./ranks";
import { upsertReferencePoints } from "./reference-points";

async function seedDemo(db: DbOrTx): Promise<Set<string>> {
  const specs = demoModels();
  for (const { parentSlug: _parent, ...m } of specs) {
    const { slug: _slug, ...update } = m;
    await db.insert(models).values(m).onConflictDoUpdate({ target: models.slug, set: update });
  }
  const ids = await db
    .select({ id: models.id, slug: models.slug })
    .from(models)
    .where(
      inArray(
        models.slug,
        specs.map((s) => s.slug),
      ),
    );
  const idOf = new Map(ids.map((r) => [r.slug, r.id]));
  for (const s of specs) {
    const parentId = s.parentSlug ? idOf.get(s.parentSlug)! : null;
    await db.update(models).set({ fineTunedFromId: parentId }).where(eq(models.slug, s.slug));
  }
  const touched = new Set<string>();
  for (const { slug, ...e } of demoEvaluations()) {
    const row = { ...e, modelId: idOf.get(slug)! };
    const { modelId: _m, benchmarkId: _b, benchmarkVersion: _v, ...update } = row;
    await db
      .insert(evaluations)
      .values(row)
      .onConflictDoUpdate({
        target: [evaluations.modelId, evaluations.benchmarkId, evaluations.benchmarkVersion],
        targetWhere: sql`${evaluations.isCurrent}`,
        set: update,
      });
    touched.add(`${e.benchmarkId}@${e.benchmarkVersion}`);
  }
  return touched;
}

export async function seedDatabase(db: DbOrTx): Promise<void> {
  await db.transaction(async (tx) => {
    await upsertBenchmarksFromRegistry(tx);
    await upsertReferencePoints(tx, paperReferencePoints());
    const touched = await seedDemo(tx);
    for (const key of touched) {
      const [id, version] = key.split("@");
      await recomputeRanks(tx, id, Number(version));
    }
  });
}
