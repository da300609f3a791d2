import { describe, expect, it } from "vitest";
import { OVERLAP_EPS, percentileLinear, topFractionDiceIou, topTenPercentOverlap } from "./top-k-overlap";
import { casesWithExpected, PERCENTILE_QS } from "./fixtures/expected";
import { mulberry32 } from "./prng";

const f32 = (xs: number[]) => Float32Array.from(xs);

describe("percentileLinear", () => {
  it("interpolates linearly between order statistics (hand-computed)", () => {
    // numpy.percentile([1,2,3,4], q): index 3q/100
    expect(percentileLinear(f32([4, 1, 3, 2]), 50)).toBe(2.5);
    expect(percentileLinear(f32([4, 1, 3, 2]), 0)).toBe(1);
    expect(percentileLinear(f32([4, 1, 3, 2]), 100)).toBe(4);
    expect(percentileLinear(f32([10, 0]), 25)).toBe(2.5);
    expect(percentileLinear(f32([7]), 90)).toBe(7);
  });

  it("matches numpy.percentile on committed float32 fixtures exactly", () => {
    let checked = 0;
    for (const { c, e } of casesWithExpected()) {
      if (!("percentilesA" in e) || !(c.a instanceof Float32Array) || !(c.b instanceof Float32Array)) continue;
      PERCENTILE_QS.forEach((q, k) => {
        expect([e.name, q, percentileLinear(c.a as Float32Array, q)]).toEqual([e.name, q, e.percentilesA![k]]);
        expect([e.name, q, percentileLinear(c.b as Float32Array, q)]).toEqual([e.name, q, e.percentilesB![k]]);
        checked++;
      });
    }
    expect(checked).toBe(4 * PERCENTILE_QS.length);
  });

  it("agrees with a full-sort reference on random tied data and leaves the input untouched", () => {
    const rand = mulberry32(3);
    for (const n of [2, 3, 10, 999, 50176]) {
      const v = Float32Array.from({ length: n }, () => Math.floor(rand() * 17) - 5);
      const copy = v.slice();
      const sorted = Array.from(v).sort((x, y) => x - y);
      for (const q of [0, 10, 33.3, 50, 90, 100]) {
        const h = (n - 1) * (q / 100);
        const lo = Math.floor(h);
        const ref = sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, n - 1)] ?? 0) - sorted[lo]);
        expect(Math.abs(percentileLinear(v, q) - ref)).toBeLessThan(1e-5);
      }
      expect(v).toEqual(copy);
    }
  });

  it("rejects empty input, bad q and NaN", () => {
    expect(() => percentileLinear(new Float32Array(0), 50)).toThrow(/empty/);
    expect(() => percentileLinear(f32([1]), 101)).toThrow(/q must be in \[0, 100\]/);
    expect(() => percentileLinear(f32([1, NaN]), 50)).toThrow(/NaN at index 1/);
  });
});

describe("topFractionDiceIou", () => {
  it("hand-computed: 20 pixels, top 10% = 2 pixels each", () => {
    const a = new Float32Array(20).map((_, i) => i); // 90th pct = 17.1 → {18, 19}
    const b = new Float32Array(20).map((_, i) => (i === 19 ? 100 : i === 0 ? 50 : i)); // 90th pct = 18.1 → {0, 19}
    const { dice, iou } = topFractionDiceIou(a, b);
    expect(dice).toBeCloseTo((2 * 1) / 4, 9);
    expect(iou).toBeCloseTo(1 / 3, 9);
    expect(topFractionDiceIou(a, a).dice).toBeCloseTo(1, 9);
  });

  it("constant maps select nothing: 0, not NaN (ε in the denominator)", () => {
    const r = topFractionDiceIou(new Float32Array(100), new Float32Array(100));
    expect(r).toEqual({ dice: 0, iou: 0 });
    expect(OVERLAP_EPS).toBe(1e-9);
  });

  it("matches the numpy reference on committed fixtures", () => {
    for (const { c, e } of casesWithExpected()) {
      if (!("top10" in e) || !e.top10) continue;
      const r = topFractionDiceIou(c.a as Float32Array, c.b as Float32Array);
      expect(Math.abs(r.dice - e.top10.dice), e.name).toBeLessThan(1e-15);
      expect(Math.abs(r.iou - e.top10.iou), e.name).toBeLessThan(1e-15);
    }
  });

  it("rejects mismatched lengths and bad fractions", () => {
    expect(() => topFractionDiceIou(f32([1, 2]), f32([1]))).toThrow(/length mismatch/);
    expect(() => topFractionDiceIou(f32([1]), f32([1]), 0)).toThrow(/fraction/);
  });
});

describe("topTenPercentOverlap", () => {
  it("reuses the last result only while both maps hold the same bits", () => {
    const a = Float32Array.from({ length: 20 }, (_, i) => i); // top 10% = {18, 19}
    const b = Float32Array.from({ length: 20 }, (_, i) => (i === 19 ? 100 : i === 0 ? 50 : i)); // top 10% = {0, 19}
    expect(topTenPercentOverlap(a, b)).toEqual(topFractionDiceIou(a, b));
    expect(topTenPercentOverlap(a, b).dice).toBeCloseTo(0.5, 9);
    b[0] = 0; // refilled in place: b's top 10% becomes {18, 19}, a's
    expect(topTenPercentOverlap(a, b)).toEqual(topFractionDiceIou(a, b));
    expect(topTenPercentOverlap(a, b).dice).toBeCloseTo(1, 9);
    expect(topTenPercentOverlap(Float32Array.from(a), b).dice).toBeCloseTo(1, 9);
  });

  it("matches the numpy reference on committed fixtures", () => {
    for (const { c, e } of casesWithExpected()) {
      if (!("top10" in e) || !e.top10) continue;
      const r = topTenPercentOverlap(c.a as Float32Array, c.b as Float32Array);
      expect(Math.abs(r.dice - e.top10.dice), e.name).toBeLessThan(1e-15);
      expect(Math.abs(r.iou - e.top10.iou), e.name).toBeLessThan(1e-15);
    }
  });
});
