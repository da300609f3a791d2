/**
 * scoreImage computes each per-image map metric through the registry; these pin it to the direct calls it replaced,
 * bit for bit, on random, tied, constant and signed-zero maps.
 */
import { describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/metrics/prng";
import { spearman } from "@/lib/metrics/spearman";
import { topFractionDiceIou } from "@/lib/metrics/top-k-overlap";
import { scoreImage } from "./score-image";

function direct(saliency: Float32Array, human: Float32Array) {
  const rho = spearman(saliency, human);
  const overlap = rho === null ? null : topFractionDiceIou(saliency, human);
  return { spearman: rho, dice: overlap ? overlap.dice : null, iou: overlap ? overlap.iou : null };
}

describe("scoreImage", () => {
  const rand = mulberry32(20221128);
  const map = (n: number, levels = 0) => Float32Array.from({ length: n }, () => (levels ? Math.floor(rand() * levels) : rand() * 2 - 1));
  const cases: [string, Float32Array, Float32Array][] = [
    ["random 224×224", map(224 * 224), map(224 * 224)],
    ["heavily tied", map(5000, 4), map(5000, 3)],
    ["constant saliency", new Float32Array(400), map(400)],
    ["constant human map", map(400), new Float32Array(400).fill(2)],
    ["signed zeros", Float32Array.from({ length: 40 }, (_, i) => (i % 2 ? -0 : 0)), map(40)],
  ];

  it.each(cases)("gives the same numbers as the direct metric calls (%s)", (_name, saliency, human) => {
    const r = scoreImage({ index: 3, shard: "a", label: 1 }, saliency, human, true);
    const want = direct(saliency, human);
    expect(
      Object.is(r.spearman, want.spearman) && Object.is(r.dice, want.dice) && Object.is(r.iou, want.iou),
      JSON.stringify({ r, want }),
    ).toBe(true);
    expect(r).toMatchObject({ index: 3, shard: "a", label: 1, correct: true });
  });

  it("leaves the overlap undefined where ρ is", () => {
    const r = scoreImage({ index: 0, shard: "a", label: 0 }, new Float32Array(100), map(100), false);
    expect(r).toMatchObject({ spearman: null, dice: null, iou: null, correct: false });
  });

  it("refuses a non-finite saliency value", () => {
    expect(() => scoreImage({ index: 7, shard: "a", label: 0 }, Float32Array.from([0, NaN]), Float32Array.from([0, 1]), true)).toThrow(
      "non-finite saliency value for image 7 (pixel 1)",
    );
  });
});
