import { describe, expect, it } from "vitest";
import { wilsonInterval } from "./binomial";

describe("wilsonInterval", () => {
  it("matches Newcombe (1998), Table I, method 3, to the four decimals published", () => {
    // Statistics in Medicine 17:857–872, the Wilson score interval without continuity correction.
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [k, n, lo, hi] of cases) {
      const [a, b] = wilsonInterval(k, n)!;
      expect(a, `${k}/${n}`).toBeCloseTo(lo, 4);
      expect(b, `${k}/${n}`).toBeCloseTo(hi, 4);
    }
  });

  it("is symmetric around 1/2 under k → n − k, contains k/n, and is null without trials", () => {
    const [lo, hi] = wilsonInterval(8, 10)!;
    const [lo2, hi2] = wilsonInterval(2, 10)!;
    expect(lo).toBeCloseTo(1 - hi2, 12);
    expect(hi).toBeCloseTo(1 - lo2, 12);
    expect(lo < 0.8 && 0.8 < hi).toBe(true);
    expect(wilsonInterval(10, 10)![1]).toBeCloseTo(1, 12);
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });
});
