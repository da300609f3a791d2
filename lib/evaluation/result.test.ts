import { describe, expect, it } from "vitest";
import { getBenchmark } from "@/lib/benchmarks";
import { IDENTITY_PREPROCESSING } from "@/lib/datasets/preprocess";
import type { PerImage } from "@/lib/metrics/aggregate";
import { buildEvaluationResult, EXPLAINER } from "./result";

const per = (index: number, spearman: number | null): PerImage => ({
  index,
  shard: "val-0.tfrecords",
  label: 1,
  spearman,
  correct: index % 2 === 0,
  dice: spearman === null ? null : 0.5,
  iou: spearman === null ? null : 0.25,
});

const input = (perImage: PerImage[]) => ({
  benchmark: getBenchmark("synthetic"),
  perImage,
  backend: { name: "cpu", version: "4.22.0" },
  model: { format: "layers" as const, weightsHash: "abc", paramCount: 10, numClasses: 5 },
  dataset: { sha256: "f00", n_images: 3 },
  preprocessing: IDENTITY_PREPROCESSING,
  run: { limit: null, batch_size: 1, workers: 1 },
  startedAt: new Date("2026-01-01T00:00:00Z"),
  finishedAt: new Date("2026-01-01T00:00:01.500Z"),
});

describe("buildEvaluationResult", () => {
  it("carries scores, provenance and per-image rows", () => {
    const r = buildEvaluationResult(input([per(0, 0.2), per(1, null), per(2, 0.4)]));
    expect(r.benchmark).toEqual({ id: "synthetic", version: 1, ceiling: 0.65753 });
    expect(r).toMatchObject({ n_images: 3, n_undefined: 1, top1_accuracy: 2 / 3, dice_mean: 0.5, iou_mean: 0.25 });
    expect(r.spearman_mean).toBeCloseTo(0.3, 15);
    expect(r.alignment_score).toBeCloseTo(0.3 / 0.65753, 15);
    expect(r.provenance).toMatchObject({
      dataset: { sha256: "f00", n_images: 3 },
      weights_hash: "abc",
      explainer: EXPLAINER,
      started_at: "2026-01-01T00:00:00.000Z",
      finished_at: "2026-01-01T00:00:01.500Z",
      duration_ms: 1500,
    });
    expect(r.provenance.code_version).toMatch(/\S/);
    expect(r.provenance.hardware.cpu_count).toBeGreaterThan(0);
    expect(r.per_image[1]).toEqual({ index: 1, shard: "val-0.tfrecords", label: 1, spearman: null, correct: false, dice: null, iou: null });
    expect(JSON.stringify(r)).not.toMatch(/NaN|null,"alignment_score":null/);
  });

  it("refuses results out of split order", () => {
    expect(() => buildEvaluationResult(input([per(1, 0.1), per(0, 0.2)]))).toThrow(/out of split order at position 1/);
  });
});
