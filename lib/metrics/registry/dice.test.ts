import { describe, expect, it } from "vitest";
import { formatMetricValue } from "./index";
import { dice } from "./dice";

describe("dice", () => {
  // 20 pixels: the top 10% (strictly above the 90th percentile) of a is {18, 19}, of b {0, 19}.
  const a = Float32Array.from({ length: 20 }, (_, i) => i);
  const b = Float32Array.from({ length: 20 }, (_, i) => (i === 19 ? 100 : i === 0 ? 50 : i));

  it("computes 2|A∩B| / (|A|+|B|) of the top-10% sets per image (hand-computed: 2·1/4)", () => {
    expect(dice.perImage!.compute(a, b)).toBeCloseTo(0.5, 9);
    expect(dice.perImage!.compute(a, a)).toBeCloseTo(1, 9);
  });

  it("is undefined wherever ρ is, printed with 3 decimals", () => {
    expect(dice.perImage!.requires).toBe("spearman");
    expect(dice.aggregate({ dice_mean: 0.25 } as never)).toEqual({ value: 0.25, ci95: null });
    expect(formatMetricValue(dice, 0.12345)).toBe("0.123");
  });
});
