import { describe, expect, it } from "vitest";
import { METRICS } from "./definitions";

describe("metric compute references", () => {
  const a = Float32Array.from({ length: 20 }, (_, i) => i); // top 10% = {18, 19}
  const b = Float32Array.from({ length: 20 }, (_, i) => (i === 19 ? 100 : i === 0 ? 50 : i)); // top 10% = {0, 19}

  it("per-image metrics compute on two maps (hand-computed)", () => {
    expect(METRICS.spearman.compute!(Float32Array.from([1, 2, 3, 4]), Float32Array.from([1, 3, 2, 4]))).toBeCloseTo(0.8, 15);
    expect(METRICS.dice.compute!(a, b)).toBeCloseTo(0.5, 9);
    expect(METRICS.iou.compute!(a, b)).toBeCloseTo(1 / 3, 9);
  });

  it("aggregate metrics have no per-image compute", () => {
    expect(METRICS.alignment.compute).toBeUndefined();
    expect(METRICS.top1.compute).toBeUndefined();
  });
});
