/** Stored scores follow the benchmark's metric list and the registry's aggregate readers. */
import { afterEach, describe, expect, it } from "vitest";
import { getBenchmark } from "@/lib/benchmarks";
import { aggregateScores, type PerImage } from "@/lib/metrics/aggregate";
import type { EvaluationReport } from "@/lib/queue/protocol";
import { testProvenance } from "@/lib/types/testing/provenance";
import { scoresOf } from "./job-results";

const perImage: PerImage[] = [
  { index: 0, shard: "s", label: 0, spearman: 0.2, correct: true, dice: 0.5, iou: 0.25 },
  { index: 1, shard: "s", label: 1, spearman: 0.4, correct: false, dice: 0.3, iou: 0.15 },
];

function report(benchmarkId: string): EvaluationReport {
  const { alignment_undefined_reason: _reason, ...scores } = aggregateScores(perImage, 0.5);
  return {
    benchmark: { id: benchmarkId, version: 1 },
    ...scores,
    backend: { name: "cpu", version: "0" },
    provenance: testProvenance(perImage.length, { backend: { name: "cpu", version: "0" } }),
    per_image: perImage,
  };
}

describe("scoresOf", () => {
  const synthetic = getBenchmark("synthetic");
  const saved = [...synthetic.metrics];
  afterEach(() => {
    synthetic.metrics = [...saved];
  });

  it("stores every metric of the benchmark from the report (hand-computed means)", () => {
    const r = report("synthetic");
    const s = scoresOf(r);
    expect(Object.keys(s)).toEqual(["alignment", "spearman", "top1", "dice", "iou"]);
    expect(s.alignment.value).toBeCloseTo(0.6, 15);
    expect(s.alignment.ci95).toEqual(r.ci95.alignment_score);
    expect(s.spearman).toEqual({ value: r.spearman_mean, ci95: null });
    expect(s.top1).toEqual({ value: 0.5, ci95: r.ci95.top1_accuracy });
    expect(s.dice.value).toBeCloseTo(0.4, 15);
    expect(s.iou.value).toBeCloseTo(0.2, 15);
  });

  it("stores only the metrics the benchmark lists", () => {
    synthetic.metrics = ["top1", "alignment"];
    expect(Object.keys(scoresOf(report("synthetic")))).toEqual(["top1", "alignment"]);
  });

  it("leaves out undefined values rather than storing null", () => {
    const r = { ...report("synthetic"), dice_mean: null };
    expect(scoresOf(r)).not.toHaveProperty("dice");
  });
});
