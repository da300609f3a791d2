/**
 * Scores across tracks on PGlite and PostgreSQL: only public models' current results on current benchmark versions
 * are compared, and a "how" result's curve is read back from what its report stored (built here by the real scorer).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createEvaluation, createModel } from "@/db/factories";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { getBenchmark } from "@/lib/benchmarks";
import { LEVEL_NAMES, scorePsychophysics } from "@/lib/metrics/psychophysics";
import { imageResults } from "@/db/schema";
import { compareImages, getComparison, howCurveOf, listTrackScores, searchPublicModels } from "./tracks";

const HUMAN = [0.52, 0.55, 0.6, 0.66, 0.72, 0.8, 0.86, 0.9, 0.93, 0.95];

/** Per-image rows: at level k, 10 images of which `correct[k]` are right. */
function howBlock(correct: number[]) {
  const rows = LEVEL_NAMES.flatMap((_, k) => Array.from({ length: 10 }, (_v, i) => ({ level: k, correct: i < correct[k] })));
  const summary = scorePsychophysics(rows, HUMAN, { resamples: 1000, seed: 0 });
  return {
    ...summary,
    human_source: "test",
    human_trials: null,
    decision: { boundary: 398, groups: ["animal", "vehicle"] as [string, string] },
  };
}

describe.each(testDatabaseKinds())("track scores on %s", (kind) => {
  let handle: DatabaseHandle;
  const how = getBenchmark("psychophysics");

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    const db = handle.db;
    const a = await createModel(db, { slug: "vit-b16", displayName: "ViT-B/16", family: "ViT" });
    const b = await createModel(db, { slug: "resnet50-harmonized", displayName: "ResNet-50 harmonized", trainedOnHumanMaps: true });
    const hidden = await createModel(db, { slug: "secret-net", displayName: "Secret Net", visibility: "private" });
    await createEvaluation(db, a, { benchmarkId: "clickme", alignment: 0.4, top1: 0.81 });
    await createEvaluation(db, b, { benchmarkId: "clickme", alignment: 0.7, top1: 0.74 });
    await createEvaluation(db, hidden, { benchmarkId: "clickme", alignment: 0.9, top1: 0.9 });
    // An older result and an old benchmark version are not current.
    await createEvaluation(db, a, { benchmarkId: "clickme", alignment: 0.1, top1: 0.1, isCurrent: false });
    await createEvaluation(db, a, { benchmarkId: "clickme", benchmarkVersion: 99, alignment: 0.2, top1: 0.2 });
    const block = howBlock([5, 5, 6, 6, 7, 8, 9, 9, 10, 10, 10]);
    await createEvaluation(db, b, {
      benchmarkId: "psychophysics",
      benchmarkVersion: how.version,
      alignment: null,
      top1: null,
      nImages: 110,
      scores: { psychophysics: { value: block.score!, ci95: block.ci95 } },
      provenance: { psychophysics: block } as never,
    });
  });
  afterAll(() => handle?.close());

  it("lists public models' current results on current versions only, with the how curve read back", async () => {
    const rows = await listTrackScores(handle.db, ["clickme", "psychophysics"]);
    expect(
      rows.map((r) => `${r.modelSlug}:${r.benchmarkId}:${r.scores.alignment?.value ?? r.scores.psychophysics?.value.toFixed(4)}`),
    ).toEqual([
      "resnet50-harmonized:clickme:0.7",
      `resnet50-harmonized:psychophysics:${rows.find((r) => r.benchmarkId === "psychophysics")!.scores.psychophysics.value.toFixed(4)}`,
      "vit-b16:clickme:0.4",
    ]);
    const curve = rows.find((r) => r.benchmarkId === "psychophysics")!.how!;
    expect(curve.modelAccuracy).toEqual([0.5, 0.5, 0.6, 0.6, 0.7, 0.8, 0.9, 0.9, 1, 1, 1]);
    expect(curve.nPerLevel).toEqual(Array(11).fill(10));
    expect(curve.humanMeanCorrect).toEqual(HUMAN);
    expect(rows.find((r) => r.benchmarkId === "clickme")!.how).toBeNull();
  });

  it("compares named public models and says which names are not public models", async () => {
    const c = await getComparison(handle.db, ["vit-b16", "secret-net", "no-such", "resnet50-harmonized"]);
    expect(c.found.map((f) => f.slug)).toEqual(["vit-b16", "resnet50-harmonized"]);
    expect(new Set(c.scores.map((s) => s.modelSlug))).toEqual(new Set(["vit-b16", "resnet50-harmonized"]));
    expect(await searchPublicModels(handle.db, "RESNET harmon")).toEqual([
      { slug: "resnet50-harmonized", displayName: "ResNet-50 harmonized" },
    ]);
    expect(await searchPublicModels(handle.db, "secret")).toEqual([]);
    expect(await searchPublicModels(handle.db, "100%_")).toEqual([]);
  });

  it("puts each result's worst images side by side with every result's rho and decision there", async () => {
    const rows = await listTrackScores(handle.db, ["clickme"]);
    const [r1, r2] = rows.map((r) => r.evaluationId);
    const put = (evaluationId: number, rhos: (number | null)[]) =>
      handle.db
        .insert(imageResults)
        .values(
          rhos.map((spearman, index) => ({ evaluationId, index, shard: "s", label: index * 10, spearman, correct: index % 2 === 0 })),
        );
    await put(r1, [0.9, -0.2, 0.5, 0.1, null]);
    await put(r2, [-0.5, 0.8, 0.7, 0.6, 0.0]);
    const side = await compareImages(handle.db, [r1, r2], 2);
    // r1's two lowest defined: images 1 (−0.2) and 3 (0.1); r2's: 0 (−0.5) and 4 (0.0); in that order, without repeats.
    expect(side.map((x) => x.index)).toEqual([1, 3, 0, 4]);
    expect(side[0]).toEqual({
      index: 1,
      label: 10,
      byEvaluation: { [r1]: { spearman: -0.2, correct: false }, [r2]: { spearman: 0.8, correct: false } },
    });
    expect(side[3].byEvaluation[r1]).toEqual({ spearman: null, correct: true });
    expect(await compareImages(handle.db, [])).toEqual([]);
  });

  it("ignores a provenance without a well-formed psychophysics block", () => {
    expect(howCurveOf(null)).toBeNull();
    expect(howCurveOf({ psychophysics: { model_accuracy: [1] } })).toBeNull();
  });
});
