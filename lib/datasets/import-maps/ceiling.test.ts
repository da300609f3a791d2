import { describe, expect, it } from "vitest";
import { splitHalfCeiling } from "./ceiling";

// Four raters, 2 images of 3×3 maps; ρ between the half means of each of the three ways to halve 4 raters, computed
// with scipy.stats.spearmanr (scipy 1.17.1) on the pixel-wise means of the halves:
const images = [
  {
    stem: "a",
    raters: [
      [0, 1, 2, 3, 4, 5, 6, 7, 8],
      [0, 2, 1, 3, 5, 4, 6, 8, 7],
      [1, 0, 2, 4, 3, 5, 7, 6, 8],
      [1, 1, 2, 2, 3, 3, 4, 4, 4],
    ],
  },
  {
    stem: "b",
    raters: [
      [5, 5, 5, 0, 0, 0, 9, 9, 9],
      [0, 3, 6, 1, 4, 7, 2, 5, 8],
      [9, 0, 9, 0, 9, 0, 9, 0, 9],
      [2, 2, 2, 2, 8, 8, 8, 8, 8],
    ],
  },
  { stem: "one-rater", raters: [[1, 2, 3, 4, 5, 6, 7, 8, 9]] },
].map((i) => ({ stem: i.stem, raters: i.raters.map((r) => Uint8Array.from(r)) }));
// Keyed by the rater halved with rater 0.
const SCIPY: Record<string, Record<number, number>> = {
  a: { 1: 0.9279994260301815, 2: 0.9279994260301815, 3: 1.0 },
  b: { 1: 0.31476045325216584, 2: 0.15256428831468233, 3: 0.4418939581735309 },
};
const identity = (m: Float32Array) => m;

describe("splitHalfCeiling", () => {
  it("is the Spearman-Brown corrected mean over images of the mean ρ between random halves (against scipy)", () => {
    const c = splitHalfCeiling(images, { splits: 6, seed: 7, prepare: identity });
    expect(c.images).toBe(2); // the one-rater image is left out
    expect(c.perImage.map((p) => p.stem)).toEqual(["a", "b"]);
    const perImage = c.perImage.map((p) => {
      const rhos = p.halves.map(([h1, h2]) => {
        expect([...h1, ...h2].sort()).toEqual([0, 1, 2, 3]);
        expect(h1).toHaveLength(2);
        const partner = [h1, h2].find((h) => h.includes(0))!.find((r) => r !== 0)!;
        return SCIPY[p.stem][partner];
      });
      const expected = rhos.reduce((x, y) => x + y, 0) / rhos.length;
      expect(p.rho).toBeCloseTo(expected, 6);
      return expected;
    });
    const mean = (perImage[0] + perImage[1]) / 2;
    expect(c.uncorrected).toBeCloseTo(mean, 6);
    expect(c.value).toBeCloseTo((2 * mean) / (1 + mean), 6);
    // the splits are not all the same partition (the shuffle is used), and a seed repeats exactly
    expect(new Set(c.perImage.flatMap((p) => p.halves.map((h) => JSON.stringify(h))))).not.toHaveProperty("size", 1);
    expect(splitHalfCeiling(images, { splits: 6, seed: 7, prepare: identity })).toEqual(c);
  });

  it("hand case: with every split the same partition the ceiling is 2ρ/(1+ρ) of that partition's ρ", () => {
    // Two raters: the only split is {0} | {1}; ρ of two rank-identical maps is 1, so the ceiling is 1.
    const two = [{ stem: "x", raters: [Uint8Array.from([1, 2, 3, 4]), Uint8Array.from([10, 20, 30, 40])] }];
    expect(splitHalfCeiling(two, { prepare: identity })).toMatchObject({ value: 1, uncorrected: 1, images: 1 });
    // Reversed ranks: ρ = -1 → 2·(-1)/(1-1) is -∞; an exactly opposite pair is refused upstream (value must be > 0).
    const y = [{ stem: "y", raters: [Uint8Array.from([1, 2, 3, 5]), Uint8Array.from([1, 3, 2, 5])] }];
    // ranks (1,2,3,4) vs (1,3,2,4): ρ = 1 − 6·2/(4·15) = 0.8 → ceiling 1.6/1.8
    expect(splitHalfCeiling(y, { prepare: identity }).value).toBeCloseTo(1.6 / 1.8, 12);
    expect(() =>
      splitHalfCeiling([{ stem: "z", raters: [Uint8Array.from([3, 3]), Uint8Array.from([1, 1])] }], { prepare: identity }),
    ).toThrow(/undefined/);
  });
});
