import { describe, expect, it } from "vitest";
import { boardFilter, matchesSearch, pageCountOf, pageOf, searchTextOf, searchWordsOf, sortBoard, type BoardEntry } from "./board";
import { DEFAULT_QUERY } from "./filters";

const entry = (id: number, over: Partial<BoardEntry> = {}): BoardEntry => ({
  evaluationId: id,
  rank: id,
  rankBest: id,
  tiedWith: 0,
  modelId: id,
  slug: `m${id}`,
  displayName: `M${id}`,
  family: "ResNet",
  paramCount: id * 1000,
  trainingData: "ImageNet-1k",
  trainedOnHumanMaps: false,
  isDemo: false,
  fineTunedFromId: null,
  top1: 0.5,
  top1Ci: null,
  alignment: 1 - id / 10,
  alignmentCi: null,
  nImages: 10,
  nUndefined: 0,
  evaluatedAt: "2026-01-01T00:00:00.000Z",
  benchmarkVersion: 1,
  searchText: `m${id}\nm${id}\nresnet`,
  ...over,
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
  });
  it("clamps a page past the end to the last page, and a board with no rows to page 1", () => {
    const vit = boardFilter({ ...DEFAULT_QUERY, family: ["ViT"] }, true);
    // 3 ViT rows (m2, m4, m6) at 2 a page: pages 1–2, so page 3 and page 99 show page 2 (m6 alone).
    expect(pageOf(rows, vit, 3, 2)).toMatchObject({ total: 3, page: 2, rows: [{ slug: "m6" }] });
    expect(pageOf(rows, vit, 99, 2)).toMatchObject({ total: 3, page: 2, rows: [{ slug: "m6" }] });
    // 7 rows at 5 a page: page 99 is page 2, rows 6–7 (the bug showed "491–7 of 7").
    expect(pageOf(rows, null, 99, 5)).toMatchObject({ total: 7, page: 2, rows: [{ slug: "m6" }, { slug: "m7" }] });
    expect(pageOf(rows, () => false, 4, 5)).toEqual({ total: 0, page: 1, rows: [] });
    expect(pageOf(rows, null, 2, 7)).toMatchObject({ total: 7, page: 1 });
    expect([pageCountOf(0, 25), pageCountOf(25, 25), pageCountOf(26, 25), pageCountOf(12, 5)]).toEqual([1, 1, 2, 3]);
  });
  it("has no filter function when nothing filters", () => {
    expect(boardFilter(DEFAULT_QUERY, true)).toBeNull();
    expect(boardFilter(DEFAULT_QUERY, false)?.(entry(1, { isDemo: true }))).toBe(false);
  });
});

describe("text search", () => {
  const vitB16 = searchTextOf({ displayName: "ViT-B/16", slug: "vit-b16-in21k", family: "ViT" });
  const find = (q: string) => matchesSearch(vitB16, searchWordsOf(q));
  it("lower-cases and strips punctuation in each field, one field a line", () => {
    expect(vitB16).toBe("vitb16\nvitb16in21k\nvit");
    expect(searchWordsOf("  ViT  b/16 -- ")).toEqual(["vit", "b16"]);
    expect(searchWordsOf("Zoë 2.0")).toEqual(["zoë", "20"]);
  });
  it("matches every word, in any order, whatever the case and punctuation", () => {
    expect(find("vit b16")).toBe(true);
    expect(find("B16 VIT")).toBe(true);
    expect(find("vitb16")).toBe(true);
    expect(find("ViT-B/16")).toBe(true);
    expect(find("in21k b/16")).toBe(true);
  });
  it("fails when any word is missing or would span two fields", () => {
    expect(find("vit b32")).toBe(false);
    expect(find("vit l16")).toBe(false);
    expect(find("in21kvit")).toBe(false);
  });
  it("filters nothing for a query of punctuation alone", () => {
    expect(boardFilter({ ...DEFAULT_QUERY, q: " / - " }, true)).toBeNull();
    expect(boardFilter({ ...DEFAULT_QUERY, q: "vit b16" }, true)?.(entry(1, { searchText: vitB16 }))).toBe(true);
  });
});
