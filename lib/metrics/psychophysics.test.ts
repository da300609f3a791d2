import { describe, expect, it } from "vitest";
import { curveScore, MAX_SCORE, minMaxNormalise, scorePsychophysics } from "./psychophysics";

/** n images per level with the given number correct; level indices 0..10 (10 = full image). */
function rows(correctPerLevel: number[], n: number) {
  return correctPerLevel.flatMap((c, level) => Array.from({ length: n }, (_, i) => ({ level, correct: i < c })));
}

// Hand computation. Human mean correct [0.5, 0.55, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.95, 1.0] normalises to
// h = [0, 0.1, 0.2, 0.4, 0.6, 0.7, 0.8, 0.9, 0.9, 1]. Model: 2 images per level, correct 0,1,1,1,2,2,2,2,2,2 →
// accuracy [0, .5, .5, .5, 1, 1, 1, 1, 1, 1], normalised the same. Differences 0, .4, .3, .1, .4, .3, .2, .1, .1, 0;
// squares sum to 0.57, MSE = 0.057, score = −ln 0.057 = 2.86470…
const HUMAN = [0.5, 0.55, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.95, 1.0];
const MODEL = rows([0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2], 2);

describe("psychophysics score", () => {
  it("is −ln(MSE) of the min-max normalised curves over the ten partial levels (hand-computed)", () => {
    const s = scorePsychophysics(MODEL, HUMAN);
    expect(s.human_normalised.map((v) => +v.toFixed(12))).toEqual([0, 0.1, 0.2, 0.4, 0.6, 0.7, 0.8, 0.9, 0.9, 1]);
    expect(s.model_accuracy).toEqual([0, 0.5, 0.5, 0.5, 1, 1, 1, 1, 1, 1, 1]);
    expect(s.n_per_level).toEqual(Array(11).fill(2));
    expect(s.score).toBeCloseTo(-Math.log(0.057), 12);
    expect(s.score).toBeCloseTo(2.864704, 6);
  });

  it("ignores the full-image level, and is not the reference's x-axis-against-human comparison", () => {
    const changedFull = scorePsychophysics(rows([0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 0], 2), HUMAN);
    expect(changedFull.score).toBe(scorePsychophysics(MODEL, HUMAN).score);
    // The pre-release code computed −ln MSE(revealed %, human curve): independent of the model.
    const buggy = -Math.log(
      [1, 1.585, 2.512, 3.981, 6.31, 10, 15.85, 25.12, 39.81, 63.1].reduce(
        (a, x, k) => a + (x - [0, 0.1, 0.2, 0.4, 0.6, 0.7, 0.8, 0.9, 0.9, 1][k]) ** 2,
        0,
      ) / 10,
    );
    expect(Math.abs(buggy - changedFull.score!)).toBeGreaterThan(1);
  });

  it("treats a flat model curve as zeros and floors the MSE so a perfect match is finite", () => {
    expect(minMaxNormalise([0.7, 0.7])).toEqual([0, 0]);
    // flat model: MSE = mean(h²) = (0 + .01 + .04 + .16 + .36 + .49 + .64 + .81 + .81 + 1) / 10 = 0.432
    expect(scorePsychophysics(rows(Array(11).fill(1), 2), HUMAN).score).toBeCloseTo(-Math.log(0.432), 12);
    expect(curveScore([0, 1], [0, 1])).toBe(MAX_SCORE);
    expect(MAX_SCORE).toBeCloseTo(6 * Math.LN10, 12);
  });

  it("has a seeded bootstrap interval over images, stratified by level", () => {
    const many = rows([1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 10], 10);
    const a = scorePsychophysics(many, HUMAN);
    const b = scorePsychophysics(many, HUMAN);
    expect(a.ci95).toEqual(b.ci95);
    expect(a.bootstrap).toEqual({ resamples: 1000, seed: 20221128, stratified_by: "level" });
    expect(a.ci95![0]).toBeLessThan(a.ci95![1]);
    expect(a.ci95![0]).toBeLessThan(a.score!);
    expect(scorePsychophysics(many, HUMAN, { seed: 1 }).ci95).not.toEqual(a.ci95);
    // Every level all-correct or all-wrong: resampling within levels cannot change the curve, so the interval is the point.
    const fixed = scorePsychophysics(rows([0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2], 2), HUMAN);
    expect(fixed.ci95).toEqual([fixed.score, fixed.score]);
  });

  it("is undefined, with the reason, when a partial level has no images", () => {
    const s = scorePsychophysics(
      MODEL.filter((r) => r.level !== 3),
      HUMAN,
    );
    expect(s).toMatchObject({ score: null, ci95: null, score_undefined_reason: "no images at level(s) 30" });
    expect(() => scorePsychophysics(MODEL, Array(10).fill(0.8))).toThrow("the human curve is constant");
    expect(() => scorePsychophysics(MODEL, [1, 2])).toThrow("the human curve needs 10 levels, got 2");
  });
});
