import { describe, expect, it } from "vitest";
import { aggregateScores } from "@/lib/metrics/aggregate";
import { formatMetricValue } from "./index";
import { top1 } from "./top1";

describe("top1", () => {
  it("is the fraction of correct images, read from the aggregate with its interval (hand-computed: 3 of 4)", () => {
    const s = aggregateScores(
      [true, true, false, true].map((correct, index) => ({ index, shard: "s", label: 0, spearman: null, correct, dice: null, iou: null })),
      0.5,
    );
    const { value, ci95 } = top1.aggregate(s);
    expect(value).toBe(0.75);
    expect(ci95).toEqual(s.ci95.top1_accuracy);
  });

  it("is a board column, not ranked, printed as a percentage", () => {
    expect(top1).toMatchObject({ ranked: false, higherIsBetter: true, range: [0, 1], board: { column: "top1" } });
    expect(top1.perImage).toBeUndefined();
    expect(formatMetricValue(top1, 0.7649)).toBe("76.5%");
  });
});
