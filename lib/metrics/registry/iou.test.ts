import { describe, expect, it } from "vitest";
import { formatMetricValue } from "./index";
import { iou } from "./iou";

describe("iou", () => {
  const a = Float32Array.from({ length: 20 }, (_, i) => i); // top 10% = {18, 19}
  const b = Float32Array.from({ length: 20 }, (_, i) => (i === 19 ? 100 : i === 0 ? 50 : i)); // top 10% = {0, 19}

  it("computes |A∩B| / |A∪B| of the top-10% sets per image (hand-computed: 1/3)", () => {
    expect(iou.perImage!.compute(a, b)).toBeCloseTo(1 / 3, 9);
  });

  it("is undefined wherever ρ is, printed with 3 decimals", () => {
    expect(iou.perImage!.requires).toBe("spearman");
    expect(iou.aggregate({ iou_mean: 0.5 } as never)).toEqual({ value: 0.5, ci95: null });
    expect(formatMetricValue(iou, 1 / 3)).toBe("0.333");
  });
});
