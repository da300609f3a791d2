import { describe, expect, it } from "vitest";
import { paretoFront } from "./pareto";

const pt = (id: string, x: number, y: number) => ({ id, x, y });
const ids = (ps: { id: string }[]) => ps.map((p) => p.id);

/** Mulberry32: a small seeded RNG so the random cases are the same on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("paretoFront (maximise both)", () => {
  it("keeps the hand-computed front, sorted by x ascending", () => {
    const points = [
      pt("A", 0.5, 0.9),
      pt("B", 0.7, 0.7),
      pt("C", 0.6, 0.6), // below and left of B
      pt("D", 0.9, 0.3),
      pt("E", 0.9, 0.2), // same x as D, lower
      pt("F", 0.4, 0.9), // same y as A, less accurate
      pt("G", 0.7, 0.7), // exact duplicate of B: neither dominates the other
    ];
    expect(ids(paretoFront(points))).toEqual(["A", "B", "G", "D"]);
  });

  it("handles the trivial inputs", () => {
    expect(paretoFront([])).toEqual([]);
    expect(ids(paretoFront([pt("only", 0.1, -0.2)]))).toEqual(["only"]);
  });

  it("keeps negative alignments and values above the ceiling", () => {
    const points = [pt("neg", 0.95, -0.1), pt("above", 0.3, 1.2), pt("mid", 0.5, 0.4), pt("worse", 0.2, -0.5)];
    expect(ids(paretoFront(points))).toEqual(["above", "mid", "neg"]);
  });

  it("lets one point that is best on both axes dominate everything", () => {
    const points = [pt("a", 0.1, 0.2), pt("best", 0.9, 0.9), pt("b", 0.8, 0.5), pt("c", 0.9, 0.1)];
    expect(ids(paretoFront(points))).toEqual(["best"]);
  });

  it("matches the O(n²) definition on random points with many ties", () => {
    const rand = rng(20221104);
    for (let trial = 0; trial < 50; trial++) {
      const points = Array.from({ length: 60 }, (_, i) => pt(String(i), Math.floor(rand() * 8), Math.floor(rand() * 8)));
      const brute = points.filter((p) => !points.some((q) => q.x >= p.x && q.y >= p.y && (q.x > p.x || q.y > p.y)));
      expect(new Set(ids(paretoFront(points)))).toEqual(new Set(ids(brute)));
    }
  });

  it("refuses non-finite coordinates", () => {
    expect(() => paretoFront([pt("a", 0.5, Number.NaN)])).toThrow(/finite coordinates \(point 0/);
  });
});
