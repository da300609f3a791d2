import { describe, expect, it } from "vitest";
import { aggregateScores, type PerImage } from "./aggregate";

const img = (index: number, spearman: number | null, correct: boolean, dice: number | null = 0.5): PerImage => ({
  index,
  shard: "val-0.tfrecords",
  label: index % 3,
  spearman,
  correct,
  dice,
  iou: dice === null ? null : dice / 2,
});

describe("aggregateScores", () => {
  it("hand-computed means and the ceiling division", () => {
    const s = aggregateScores([img(0, 0.2, true, 0.4), img(1, 0.4, false, 0.6), img(2, 0.6, true, 0.8)], 0.5);
    expect(s.n_images).toBe(3);
    expect(s.n_undefined).toBe(0);
    expect(s.spearman_mean).toBeCloseTo(0.4, 15);
    expect(s.alignment_score).toBeCloseTo(0.8, 15);
    expect(s.top1_accuracy).toBeCloseTo(2 / 3, 15);
    expect(s.dice_mean).toBeCloseTo(0.6, 15);
    expect(s.iou_mean).toBeCloseTo(0.3, 15);
    expect(s.alignment_undefined_reason).toBeNull();
    const [lo, hi] = s.ci95.alignment_score!;
    expect(lo).toBeLessThanOrEqual(0.8);
    expect(hi).toBeGreaterThanOrEqual(0.8);
    expect(lo).toBeGreaterThanOrEqual(0.4);
    expect(hi).toBeLessThanOrEqual(1.2);
  });

  it("counts undefined ρ and leaves them out of the mean, never NaN", () => {
    const s = aggregateScores([img(0, null, true), img(1, 0.3, true), img(2, null, false), img(3, 0.5, false)], 0.65753);
    expect(s.n_undefined).toBe(2);
    expect(s.spearman_mean).toBeCloseTo(0.4, 15);
    expect(s.alignment_score).toBeCloseTo(0.4 / 0.65753, 15);
    expect(s.top1_accuracy).toBe(0.5); // accuracy still over all images
  });

  it("zero defined images: alignment is null with a reason", () => {
    const s = aggregateScores([img(0, null, true, null), img(1, null, false, null)], 0.65753);
    expect(s.alignment_score).toBeNull();
    expect(s.spearman_mean).toBeNull();
    expect(s.ci95.alignment_score).toBeNull();
    expect(s.dice_mean).toBeNull();
    expect(s.alignment_undefined_reason).toMatch(/all 2 images have an undefined Spearman/);
    expect(s.top1_accuracy).toBe(0.5);
    expect(aggregateScores([], 0.65753).alignment_undefined_reason).toMatch(/no images/);
  });

  it("rejects NaN per-image values and a bad ceiling", () => {
    expect(() => aggregateScores([img(0, NaN, true)], 0.65753)).toThrow(/non-finite/);
    expect(() => aggregateScores([img(0, 0.1, true)], 0)).toThrow(/ceiling/);
  });
});
