import { describe, expect, it } from "vitest";
import { boardFilter, pageOf, sortBoard, type BoardEntry } from "./board";
import { DEFAULT_QUERY } from "./filters";

const entry = (id: number, over: Partial<BoardEntry> = {}): BoardEntry => ({
  evaluationId: id, rank: id, rankBest: id, tiedWith: 0, modelId: id, slug: `m${id}`, displayName: `M${id}`,
  family: "ResNet", paramCount: id * 1000, trainingData: "ImageNet-1k", trainedOnHumanMaps: false, isDemo: false,
  fineTunedFromId: null, top1: 0.5, top1Ci: null, alignment: 1 - id / 10, alignmentCi: null, nImages: 10,
  nUndefined: 0, evaluatedAt: "2026-01-01T00:00:00.000Z", benchmarkVersion: 1, searchText: `m${id}\nm${id}\nresnet`, ...over,
});

describe("sortBoard", () => {
  const rows = [entry(1, { paramCount: null }), entry(2), entry(3, { isDemo: true, rank: 1 }), entry(4)];
  it("puts nulls last in both directions and breaks ties by evaluation id", () => {
    expect(sortBoard(rows, "params", "desc").map((e) => e.evaluationId)).toEqual([4, 3, 2, 1]);
    expect(sortBoard(rows, "params", "asc").map((e) => e.evaluationId)).toEqual([2, 3, 4, 1]);
    expect(sortBoard(rows, "top1", "desc").map((e) => e.evaluationId)).toEqual([1, 2, 3, 4]);
  });
  it("ranks measured rows before demo rows whatever the direction", () => {
    expect(sortBoard(rows, "rank", "asc").map((e) => e.evaluationId)).toEqual([1, 2, 4, 3]);
    expect(sortBoard(rows, "rank", "desc").map((e) => e.evaluationId)).toEqual([4, 2, 1, 3]);
  });
});

describe("pageOf", () => {
  const rows = Array.from({ length: 7 }, (_, i) => entry(i + 1, { family: i % 2 ? "ViT" : "ResNet" }));
  it("pages all rows, or the filtered ones with their total", () => {
    expect(pageOf(rows, null, 2, 3)).toMatchObject({ total: 7, rows: [{ slug: "m4" }, { slug: "m5" }, { slug: "m6" }] });
    const vit = boardFilter({ ...DEFAULT_QUERY, family: ["ViT"] }, true);
    expect(pageOf(rows, vit, 1, 2)).toMatchObject({ total: 3, rows: [{ slug: "m2" }, { slug: "m4" }] });
    expect(pageOf(rows, vit, 3, 2)).toEqual({ total: 3, rows: [] });
  });
  it("has no filter function when nothing filters", () => {
    expect(boardFilter(DEFAULT_QUERY, true)).toBeNull();
    expect(boardFilter(DEFAULT_QUERY, false)?.(entry(1, { isDemo: true }))).toBe(false);
  });
});
