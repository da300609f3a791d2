import { describe, expect, it } from "vitest";
import { selectEmbeddedPoints } from "./embedded-points";

const pt = (name: string, top1: number, alignment: number) => ({ name, top1, alignment });

describe("selectEmbeddedPoints", () => {
  it("keeps everything under the limit", () => {
    const pts = [pt("a", 0.5, 0.5), pt("b", 0.6, 0.4)];
    expect(selectEmbeddedPoints(pts, 5)).toEqual(pts);
  });

  // Ranked by alignment: a, b, c, d, e, f. The front (maximise both) is a, b, e: c, d and f each have a point
  // above and to the right of them (c < b, d < b, f < e).
  const pts = [pt("a", 0.5, 0.9), pt("b", 0.7, 0.7), pt("c", 0.4, 0.5), pt("d", 0.6, 0.3), pt("e", 0.95, 0.2), pt("f", 0.9, 0.1)];

  it("keeps the whole Pareto front, then the best-ranked others, in input order", () => {
    expect(selectEmbeddedPoints(pts, 4).map((p) => p.name)).toEqual(["a", "b", "c", "e"]);
    expect(selectEmbeddedPoints(pts, 5).map((p) => p.name)).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("keeps the front even when it alone exceeds the limit", () => {
    expect(selectEmbeddedPoints(pts, 2).map((p) => p.name)).toEqual(["a", "b", "e"]);
  });
});
