import { describe, expect, it } from "vitest";
import { bootstrapMeanCi } from "./bootstrap";
import { mulberry32 } from "./prng";

const mean = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;

describe("mulberry32", () => {
  it("reproduces the reference sequence (values computed with the Python port in fixtures/generate.py)", () => {
    const r = mulberry32(1);
    expect([r(), r(), r()].map((x) => Math.round(x * 2 ** 32))).toEqual([2693262067, 11749833, 2265367787]);
  });
});

describe("bootstrapMeanCi", () => {
  const rand = mulberry32(11);
  const values = Float64Array.from({ length: 300 }, () => rand() * 2 - 0.5);

  it("is deterministic for a seed and changes with the seed", () => {
    expect(bootstrapMeanCi(values, { seed: 5 })).toEqual(bootstrapMeanCi(values, { seed: 5 }));
    expect(bootstrapMeanCi(values, { seed: 5 })).not.toEqual(bootstrapMeanCi(values, { seed: 6 }));
    expect(bootstrapMeanCi(values)).toEqual(bootstrapMeanCi(values, { seed: 20221128, resamples: 1000, level: 0.95 }));
  });

  it("brackets the mean with a width close to the normal approximation", () => {
    const [lo, hi] = bootstrapMeanCi(values);
    const m = mean(values);
    expect(lo).toBeLessThanOrEqual(m);
    expect(hi).toBeGreaterThanOrEqual(m);
    const sd = Math.sqrt(values.reduce((s, x) => s + (x - m) ** 2, 0) / (values.length - 1));
    const normalWidth = 2 * 1.96 * (sd / Math.sqrt(values.length));
    expect((hi - lo) / normalWidth).toBeGreaterThan(0.85);
    expect((hi - lo) / normalWidth).toBeLessThan(1.15);
  });

  it("covers the true mean about 95% of the time", () => {
    const gen = mulberry32(12345);
    let covered = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const sample = Float64Array.from({ length: 60 }, () => gen()); // uniform, true mean 0.5
      const [lo, hi] = bootstrapMeanCi(sample, { seed: t, resamples: 400 });
      if (lo <= 0.5 && 0.5 <= hi) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.88);
    expect(covered / trials).toBeLessThan(0.99);
  });

  it("a constant sample has a zero-width interval; bad input throws", () => {
    expect(bootstrapMeanCi(new Float64Array(10).fill(0.25))).toEqual([0.25, 0.25]);
    expect(() => bootstrapMeanCi(new Float64Array(0))).toThrow(/no values/);
    expect(() => bootstrapMeanCi(Float64Array.from([1, NaN]))).toThrow(/non-finite value at index 1/);
    expect(() => bootstrapMeanCi(Float64Array.from([1]), { level: 1 })).toThrow(/level/);
  });
});
