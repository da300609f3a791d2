/** Board ranks follow the metric registry: the benchmark's primary metric, its board column and its direction. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import type { DatabaseHandle, Db } from "@/db/client";
import { createEvaluation, createModel } from "@/db/factories";
import { evaluations, models } from "@/db/schema";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { getBenchmark } from "@/lib/benchmarks";
import { METRICS } from "@/lib/metrics/registry";
import { recomputeRanks } from "./ranks";

describe.each(testDatabaseKinds())("recomputeRanks reads the metric registry on %s", (kind) => {
  let handle: DatabaseHandle;
  let db: Db;
  const benchmark = getBenchmark("shortcut");
  const saved = { primary: benchmark.primaryMetric, alignment: { ...METRICS.alignment }, top1: { ...METRICS.top1 } };

  const ranks = async () =>
    (
      await db
        .select({ slug: models.slug, rank: evaluations.rank, rankBest: evaluations.rankBest, tiedWith: evaluations.tiedWith })
        .from(evaluations)
        .innerJoin(models, eq(models.id, evaluations.modelId))
        .where(eq(evaluations.benchmarkId, "shortcut"))
        .orderBy(asc(evaluations.rank), asc(models.slug))
    ).map((r) => [r.slug, r.rank, r.rankBest, r.tiedWith]);

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    db = handle.db;
    const on = { benchmarkId: "shortcut", benchmarkVersion: 1 };
    // Alignment order: high > mid ≈ low-ish (overlapping intervals) ; top-1 order is the reverse of alignment's.
    await createEvaluation(db, await createModel(db, { slug: "high" }), {
      ...on,
      alignment: 0.6,
      alignmentCi: [0.58, 0.62],
      top1: 0.5,
      top1Ci: [0.49, 0.51],
    });
    await createEvaluation(db, await createModel(db, { slug: "mid" }), {
      ...on,
      alignment: 0.4,
      alignmentCi: [0.35, 0.45],
      top1: 0.6,
      top1Ci: [0.59, 0.61],
    });
    await createEvaluation(db, await createModel(db, { slug: "low" }), {
      ...on,
      alignment: 0.3,
      alignmentCi: [0.25, 0.36],
      top1: 0.7,
      top1Ci: [0.69, 0.71],
    });
  });
  afterEach(() => {
    benchmark.primaryMetric = saved.primary;
    Object.assign(METRICS.alignment, saved.alignment);
    Object.assign(METRICS.top1, saved.top1);
  });
  afterAll(() => handle?.close());

  it("ranks by alignment, higher first, with interval ties", async () => {
    await recomputeRanks(db, "shortcut", 1);
    expect(await ranks()).toEqual([
      ["high", 1, 1, 0],
      ["mid", 2, 2, 1],
      ["low", 3, 2, 1],
    ]);
  });

  it("reverses the order when the registry says lower is better, intervals swapped", async () => {
    METRICS.alignment.higherIsBetter = false;
    await recomputeRanks(db, "shortcut", 1);
    expect(await ranks()).toEqual([
      ["low", 1, 1, 1],
      ["mid", 2, 1, 1],
      ["high", 3, 3, 0],
    ]);
  });

  it("ranks by the column of whichever ranked metric the benchmark names as primary", async () => {
    METRICS.top1.ranked = true;
    benchmark.primaryMetric = "top1";
    await recomputeRanks(db, "shortcut", 1);
    expect(await ranks()).toEqual([
      ["low", 1, 1, 0],
      ["mid", 2, 2, 0],
      ["high", 3, 3, 0],
    ]);
  });

  it("refuses a primary metric the registry does not rank", async () => {
    benchmark.primaryMetric = "spearman";
    await expect(recomputeRanks(db, "shortcut", 1)).rejects.toThrow("Metric 'spearman' is not a ranked board metric");
  });
});
