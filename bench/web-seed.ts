/** Fills a database with N synthetic demo-flagged models for load tests: deterministic, batched, ranked. */
import type { Db } from "@/db/client";
import { buildEvaluation, buildModel } from "@/db/factories";
import { evaluations, models } from "@/db/schema";
import { recomputeRanks } from "@/lib/queries/ranks";

const FAMILIES = ["ResNet", "ViT", "VGG", "EfficientNet", "ConvNeXt", "MobileNet", "DenseNet", "Inception", "RegNet", "Swin"];
const TRAINING = ["ImageNet-1k", "ImageNet-21k", "ImageNet-1k + ClickMe maps", "JFT-300M"];

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

export async function seedBenchModels(db: Db, n: number, batch = 500): Promise<void> {
  const next = rng(10_000);
  for (let start = 0; start < n; start += batch) {
    const rows = Array.from({ length: Math.min(batch, n - start) }, (_, k) => {
      const i = start + k + 1;
      const humanMaps = next() < 0.1;
      const id = String(i).padStart(5, "0");
      return buildModel({
        slug: `bench-${id}`,
        displayName: `Bench model ${id} (demo)`,
        family: FAMILIES[Math.floor(next() * FAMILIES.length)],
        paramCount: Math.round(1e6 + next() * 3e8),
        trainingData: humanMaps ? "ImageNet-1k + ClickMe maps" : TRAINING[Math.floor(next() * 2)],
        trainedOnHumanMaps: humanMaps,
        isDemo: true,
        ownerName: "Load-test data",
      });
    });
    const inserted = await db.insert(models).values(rows).returning({ id: models.id, isDemo: models.isDemo });
    await db.insert(evaluations).values(
      inserted.map((m) => {
        const alignment = r4(0.1 + 0.6 * next());
        const top1 = r4(0.5 + 0.35 * next());
        const half = r4(0.005 + 0.02 * next());
        return buildEvaluation(m, {
          alignment,
          alignmentCi: [r4(alignment - half), r4(alignment + half)],
          top1,
          top1Ci: [r4(top1 - 0.01), r4(top1 + 0.01)],
          createdAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(next() * 300) * 86_400_000),
        });
      }),
    );
  }
  await recomputeRanks(db, "clickme", 1);
}
