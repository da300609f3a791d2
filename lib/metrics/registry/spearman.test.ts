import { describe, expect, it } from "vitest";
import { aggregateScores } from "@/lib/metrics/aggregate";
import { formatMetricValue } from "./index";
import { spearman } from "./spearman";

describe("spearman", () => {
  it("computes ρ per image (hand-computed: rank differences 0,1,1,0 → 1 − 6·2/(4·15) = 0.8)", () => {
    expect(spearman.perImage!.compute(Float32Array.from([1, 2, 3, 4]), Float32Array.from([1, 3, 2, 4]))).toBeCloseTo(0.8, 15);
    expect(spearman.perImage!.compute(Float32Array.from([4, 3, 2, 1]), Float32Array.from([1, 2, 3, 4]))).toBe(-1);
  });

  it("is undefined on a constant map", () => {
    expect(spearman.perImage!.compute(Float32Array.from([1, 1, 1]), Float32Array.from([1, 2, 3]))).toBeNull();
  });

  it("aggregates as the mean over defined images, without an interval, printed with 4 decimals", () => {
    const s = aggregateScores(
      [0.5, null, 0.25].map((r, index) => ({ index, shard: "s", label: 0, spearman: r, correct: false, dice: null, iou: null })),
      0.5,
    );
    expect(spearman.aggregate(s)).toEqual({ value: 0.375, ci95: null });
    expect(formatMetricValue(spearman, 0.123456)).toBe("0.1235");
    expect(spearman).toMatchObject({ ranked: false, higherIsBetter: true, range: [-1, 1] });
  });
});
