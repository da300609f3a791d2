import { describe, expect, it } from "vitest";
import { averageRanks, spearman, SpearmanWorkspace } from "./spearman";
import { casesWithExpected } from "./fixtures/expected";
import { mulberry32 } from "./prng";

const f32 = (xs: number[]) => Float32Array.from(xs);

/** Independent reference: comparator argsort + tie averaging + two-pass Pearson. */
function naiveRanks(v: ArrayLike<number>): number[] {
  const idx = Array.from({ length: v.length }, (_, i) => i).sort((x, y) => v[x] - v[y]);
  const r = new Array<number>(v.length);
  for (let s = 0; s < idx.length;) {
    let e = s + 1;
    while (e < idx.length && v[idx[e]] === v[idx[s]]) e++;
    for (let j = s; j < e; j++) r[idx[j]] = (s + 1 + e) / 2;
    s = e;
  }
  return r;
}
function naiveSpearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ra = naiveRanks(a);
  const rb = naiveRanks(b);
  const ma = ra.reduce((s, x) => s + x, 0) / ra.length;
  const mb = rb.reduce((s, x) => s + x, 0) / rb.length;
  let c = 0,
    va = 0,
    vb = 0;
  for (let i = 0; i < ra.length; i++) {
    c += (ra[i] - ma) * (rb[i] - mb);
    va += (ra[i] - ma) ** 2;
    vb += (rb[i] - mb) ** 2;
  }
  return c / Math.sqrt(va * vb);
}

describe("averageRanks", () => {
  it("averages tied positions (hand-computed)", () => {
    expect(Array.from(averageRanks(f32([1, 2, 2, 3])))).toEqual([1, 2.5, 2.5, 4]);
    expect(Array.from(averageRanks(f32([5, 5, 5])))).toEqual([2, 2, 2]);
    expect(Array.from(averageRanks(f32([3, 1, 2])))).toEqual([3, 1, 2]);
    expect(Array.from(averageRanks(f32([2, 1, 2, 1, 0])))).toEqual([4.5, 2.5, 4.5, 2.5, 1]);
  });

  it("orders negatives, zeros and infinities; -0 ties with +0", () => {
    const v = [3, -1, -0, 0, Infinity, -Infinity, -1e-40, 1e-40];
    const expected = [7, 2, 4.5, 4.5, 8, 1, 3, 6];
    expect(Array.from(averageRanks(Float32Array.from(v)))).toEqual(expected);
    expect(Array.from(averageRanks(Float64Array.from(v)))).toEqual(expected);
  });

  it("distinguishes float64 values that differ only in the low word", () => {
    const v = Float64Array.from([1 + 2 ** -40, 1, 1 + 2 ** -50, 1]);
    expect(Array.from(averageRanks(v))).toEqual([4, 1.5, 3, 1.5]);
  });

  it("throws on NaN, naming the index", () => {
    expect(() => averageRanks(f32([1, NaN]))).toThrow(/NaN at index 1/);
    expect(() => averageRanks(Float64Array.from([NaN]))).toThrow(/NaN at index 0/);
  });

  it("matches a comparator-sort reference on random tied data", () => {
    const rand = mulberry32(7);
    for (const n of [1, 2, 17, 1000, 5000]) {
      const v = Float32Array.from({ length: n }, () => Math.floor((rand() - 0.3) * 40) * 0.37);
      expect(Array.from(averageRanks(v))).toEqual(naiveRanks(v));
    }
  });
});

describe("spearman", () => {
  it("hand-computed cases", () => {
    expect(spearman(f32([1, 2, 3, 4]), f32([1, 3, 2, 4]))).toBeCloseTo(0.8, 15); // 1 − 6·2/(4·15)
    expect(spearman(f32([1, 2, 3]), f32([3, 2, 1]))).toBe(-1);
    expect(spearman(f32([1, 2, 3]), f32([10, 20, 1000]))).toBe(1);
    // ranks a = [1, 2.5, 2.5, 4], b = [1, 2, 3, 4]; centred: cov 4.5, var 4.5 and 5 → 4.5/√22.5
    expect(spearman(f32([1, 2, 2, 3]), f32([1, 2, 3, 4]))).toBeCloseTo(4.5 / Math.sqrt(22.5), 15);
  });

  it("is null when either map is constant, or too short", () => {
    expect(spearman(f32([2, 2, 2]), f32([1, 2, 3]))).toBeNull();
    expect(spearman(f32([1, 2, 3]), f32([0, 0, 0]))).toBeNull();
    expect(spearman(new Float32Array(50176), new Float32Array(50176).fill(1))).toBeNull();
    expect(spearman(f32([1]), f32([2]))).toBeNull();
  });

  it("rejects NaN and length mismatches", () => {
    expect(() => spearman(f32([1, 2, NaN]), f32([1, 2, 3]))).toThrow(/NaN/);
    expect(() => spearman(f32([1, 2, 3]), f32([1, NaN, 3]))).toThrow(/NaN/);
    expect(() => spearman(f32([1, 2]), f32([1, 2, 3]))).toThrow(/length mismatch/);
  });

  it("matches scipy.stats.spearmanr on committed fixtures (1e-12)", () => {
    for (const { c, e } of casesWithExpected()) {
      let sa = 0,
        sb = 0;
      for (let i = 0; i < c.a.length; i++) {
        sa += c.a[i];
        sb += c.b[i];
      }
      expect({ name: e.name, sa, sb }).toEqual({ name: e.name, sa: e.checksum.sumA, sb: e.checksum.sumB });
      expect(Array.from(c.a.subarray(0, 4))).toEqual(e.checksum.headA);
      const rho = spearman(c.a, c.b);
      expect(rho, e.name).not.toBeNull();
      expect(Math.abs(rho! - e.spearman), e.name).toBeLessThan(1e-12);
      if ("ranksA" in e && e.ranksA) {
        expect(Array.from(averageRanks(c.a))).toEqual(e.ranksA);
        expect(Array.from(averageRanks(c.b))).toEqual(e.ranksB);
      }
      if ("ranksChecksumA" in e) {
        const r = averageRanks(c.a);
        let s = 0;
        for (let i = 0; i < r.length; i++) s += r[i] * (i + 1);
        expect(s, e.name).toBe(e.ranksChecksumA);
      }
    }
  });

  it("agrees with the naive reference and is stable across workspace reuse and sizes", () => {
    const ws = new SpearmanWorkspace();
    const rand = mulberry32(99);
    for (const n of [50176, 10, 3000, 50176]) {
      const a = Float32Array.from({ length: n }, () => Math.floor(rand() * 30));
      const b = Float32Array.from({ length: n }, (_, i) => a[i] * 0.5 + rand() * 20);
      expect(Math.abs(ws.spearman(a, b)! - naiveSpearman(a, b))).toBeLessThan(1e-12);
    }
  });
});
