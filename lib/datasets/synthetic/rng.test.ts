import { describe, expect, it } from "vitest";
import { createRng, deriveSeed } from "./rng";

describe("synthetic rng", () => {
  it("is deterministic per seed and differs across seeds and indices", () => {
    const a = Array.from({ length: 5 }, createRng(42).next);
    const draw = (seed: number) => {
      const r = createRng(seed);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(a.every((v) => v >= 0 && v < 1)).toBe(true);
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => deriveSeed(7, i)));
    expect(seeds.size).toBe(1000);
    expect(deriveSeed(7, 0)).not.toBe(deriveSeed(8, 0));
  });

  it("is roughly uniform (chi-square over 10 bins) and int() covers [lo, hi)", () => {
    const r = createRng(1);
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) bins[Math.floor(r.next() * 10)]++;
    const chi2 = bins.reduce((a, b) => a + (b - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(27.9); // p = 0.001 at 9 degrees of freedom
    const ints = new Set(Array.from({ length: 1000 }, () => r.int(3, 7)));
    expect([...ints].sort()).toEqual([3, 4, 5, 6]);
  });

  it("rejects a seed outside uint32", () => {
    expect(() => createRng(-1)).toThrow(/0\.\.4294967295/);
    expect(() => createRng(1.5)).toThrow(/seed/);
  });
});
