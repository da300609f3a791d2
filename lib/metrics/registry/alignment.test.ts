import { describe, expect, it } from "vitest";
import { aggregateScores, type PerImage } from "@/lib/metrics/aggregate";
import { formatMetricValue } from "./index";
import { alignment } from "./alignment";

const image = (index: number, spearman: number | null): PerImage => ({
  index,
  shard: "s",
  label: 0,
  spearman,
  correct: true,
  dice: null,
  iou: null,
});

describe("alignment", () => {
  it("is the mean defined ρ over the ceiling, read from the aggregate with its interval (hand-computed)", () => {
    // ρ = 0.2, 0.4 and one undefined: mean 0.3, / 0.5 = 0.6
    const s = aggregateScores([image(0, 0.2), image(1, null), image(2, 0.4)], 0.5);
    const { value, ci95 } = alignment.aggregate(s);
    expect(value).toBeCloseTo(0.6, 15);
    expect(ci95).toEqual(s.ci95.alignment_score);
    expect(alignment.aggregate(aggregateScores([image(0, null)], 0.5)).value).toBeNull();
  });

  it("is ranked on the board, higher is better, printed as a percentage of the ceiling", () => {
    expect(alignment).toMatchObject({ ranked: true, higherIsBetter: true, board: { column: "alignment" } });
    expect(alignment.perImage).toBeUndefined();
    expect(formatMetricValue(alignment, 0.61234)).toBe("61.2%");
    expect(alignment.range[1]).toBeCloseTo(1 / 0.65753, 12);
  });
});
