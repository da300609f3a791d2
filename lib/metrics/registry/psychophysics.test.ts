import { describe, expect, it } from "vitest";
import { aggregateScores } from "@/lib/metrics/aggregate";
import { scorePsychophysics } from "@/lib/metrics/psychophysics";
import { formatMetricValue } from "./index";
import { psychophysics } from "./psychophysics";

describe("psychophysics metric", () => {
  it("reads the score and its interval from a report's psychophysics summary (hand-computed: −ln 0.057)", () => {
    const human = [0.5, 0.55, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.95, 1.0];
    const rows = [0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2].flatMap((c, level) => [
      { level, correct: c > 0 },
      { level, correct: c > 1 },
    ]);
    const summary = scorePsychophysics(rows, human);
    const { value, ci95 } = psychophysics.aggregate({ ...aggregateScores([], 0.5), psychophysics: summary });
    expect(value).toBeCloseTo(-Math.log(0.057), 12);
    expect(ci95).toEqual(summary.ci95);
    expect(psychophysics.aggregate(aggregateScores([], 0.5))).toEqual({ value: null, ci95: null });
  });

  it("is ranked in the board's alignment column, higher is better, printed with three decimals", () => {
    expect(psychophysics).toMatchObject({ ranked: true, higherIsBetter: true, board: { column: "alignment" } });
    expect(psychophysics.perImage).toBeUndefined();
    expect(formatMetricValue(psychophysics, 2.8647)).toBe("2.865");
  });
});
