import { describe, expect, it } from "vitest";
import { compareLogits, mergeAgreements } from "./compare-logits";

describe("compareLogits", () => {
  it("measures the largest difference against a tolerance relative to the largest logit", () => {
    const ours = new Float32Array([1, 5, -2, 0.5, 0.25, 0]);
    const theirs = new Float64Array([1.001, 5, -2, 0.5, 0.6, 0]);
    const a = compareLogits(ours, theirs, 2, 3);
    expect(a.max_abs_logit).toBe(5);
    expect(a.tolerance).toBeCloseTo(5e-3, 12);
    expect(a.max_abs_diff).toBeCloseTo(0.35, 6); // 0.6 − 0.25 on the second image
    expect(a.passed).toBe(false);
    expect(a.top1_agreement).toBe(0.5); // image 2: argmax 0 here, 1 there
  });

  it("passes float32 rounding and fails NaN", () => {
    const theirs = new Float64Array([10, -3, 2]);
    const ours = new Float32Array([10 + 1e-5, -3, 2]);
    expect(compareLogits(ours, theirs, 1, 3)).toMatchObject({ passed: true, top1_agreement: 1 });
    expect(compareLogits(new Float32Array([NaN, 0, 0]), theirs, 1, 3).passed).toBe(false);
  });

  it("merges batches into the same figures as one comparison", () => {
    const ours = new Float32Array([1, 2, 3, 9, 8, 7]);
    const theirs = new Float32Array([1, 2, 3.002, 9, 8.001, 7]);
    const whole = compareLogits(ours, theirs, 2, 3);
    const merged = mergeAgreements(compareLogits(ours.subarray(0, 3), theirs.subarray(0, 3), 1, 3), compareLogits(ours.subarray(3), theirs.subarray(3), 1, 3));
    expect(merged).toEqual(whole);
  });
});
