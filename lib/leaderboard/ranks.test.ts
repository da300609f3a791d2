import { describe, expect, it } from "vitest";
import { assignRanks } from "./ranks";

const row = (id: string, value: number, lo = value, hi = value) => ({ id, value, lo, hi });

/** The definitions, written the slow obvious way, to check the O(n log n) version against. */
function naive(rows: { value: number; lo: number; hi: number }[]) {
  return rows.map((r, i) => ({
    rank: 1 + rows.filter((o) => o.value > r.value).length,
    rankBest: 1 + rows.filter((o) => o.lo > r.hi).length,
    tiedWith: rows.filter((o, j) => j !== i && o.lo <= r.hi && r.lo <= o.hi).length,
  }));
}

describe("assignRanks", () => {
  it("gives competition ranks by value, equal values sharing a rank", () => {
    const ranked = assignRanks([row("a", 0.5), row("b", 0.7), row("c", 0.5), row("d", 0.1)]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ["a", 2],
      ["b", 1],
      ["c", 2],
      ["d", 4],
    ]);
  });

  it("hand-computed intervals: best admissible rank and overlap counts", () => {
    // a [0.60,0.80] b [0.55,0.65] c [0.30,0.50] d [0.45,0.47]
    const ranked = assignRanks([row("a", 0.7, 0.6, 0.8), row("b", 0.6, 0.55, 0.65), row("c", 0.4, 0.3, 0.5), row("d", 0.46, 0.45, 0.47)]);
    const by = Object.fromEntries(ranked.map((r) => [r.id, r]));
    expect(by.a).toMatchObject({ rank: 1, rankBest: 1, tiedWith: 1 }); // overlaps b
    expect(by.b).toMatchObject({ rank: 2, rankBest: 1, tiedWith: 1 }); // a.lo 0.6 ≤ 0.65: a may be worse
    expect(by.d).toMatchObject({ rank: 3, rankBest: 3, tiedWith: 1 }); // a, b lie wholly above; overlaps c
    expect(by.c).toMatchObject({ rank: 4, rankBest: 3, tiedWith: 1 });
  });

  it("counts intervals that only touch as overlapping", () => {
    const ranked = assignRanks([row("a", 0.6, 0.5, 0.7), row("b", 0.4, 0.3, 0.5)]);
    expect(ranked.map((r) => [r.rankBest, r.tiedWith])).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it("matches the quadratic definition on 500 random rows", () => {
    let s = 7;
    const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    const rows = Array.from({ length: 500 }, (_, i) => {
      const v = Math.round(rand() * 100) / 100; // coarse values force exact ties
      const w = rand() * 0.05;
      return row(String(i), v, v - w, v + rand() * 0.05);
    });
    const got = assignRanks(rows).map(({ rank, rankBest, tiedWith }) => ({ rank, rankBest, tiedWith }));
    expect(got).toEqual(naive(rows));
  });

  it("handles an empty board and rejects a value outside its interval", () => {
    expect(assignRanks([])).toEqual([]);
    expect(() => assignRanks([row("x", 0.5, 0.6, 0.7)])).toThrow(/lo ≤ value ≤ hi/);
    expect(() => assignRanks([row("x", Number.NaN)])).toThrow(/finite/);
  });
});
