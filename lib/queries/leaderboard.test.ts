import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle, Db } from "@/db/client";
import { createEvaluation, createModel } from "@/db/factories";
import { models, type ModelRow } from "@/db/schema";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { DEFAULT_QUERY, type LeaderboardQuery } from "@/lib/leaderboard/filters";
import { getLeaderboard, getScatterPoints } from "./leaderboard";
import { upsertBenchmarksFromRegistry } from "./benchmarks";
import { invalidateBoard, recomputeRanks } from "./ranks";

const q = (over: Partial<LeaderboardQuery> = {}): LeaderboardQuery => ({ ...DEFAULT_QUERY, ...over });
const slugs = (rows: { slug: string }[]) => rows.map((r) => r.slug);

describe.each(testDatabaseKinds())("leaderboard queries on %s", (kind) => {
  let handle: DatabaseHandle;
  let db: Db;
  const m: Record<string, ModelRow> = {};

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    db = handle.db;
    m.a = await createModel(db, { slug: "a-resnet", displayName: "Alpha Net", family: "ResNet", paramCount: 25_000_000 });
    m.b = await createModel(db, { slug: "b-vit", displayName: "beta ViT", family: "ViT", paramCount: 86_000_000 });
    m.c = await createModel(db, {
      slug: "c-vgg",
      displayName: "Gamma 100%",
      family: "VGG",
      paramCount: 138_000_000,
      trainingData: "ImageNet-21k",
    });
    m.d = await createModel(db, {
      slug: "d-vit-harmonized",
      displayName: "Delta ViT",
      family: "ViT",
      paramCount: 86_000_000,
      trainedOnHumanMaps: true,
      trainingData: "ImageNet-1k + ClickMe maps",
      fineTunedFromId: m.b.id,
    });
    m.e = await createModel(db, { slug: "demo-e", displayName: "E (demo)", family: "ConvNeXt", isDemo: true, paramCount: null });
    m.f = await createModel(db, { slug: "f-private", family: "ResNet", visibility: "private" });
    m.g = await createModel(db, { slug: "g-no-alignment", family: "ResNet" });
    await createEvaluation(db, m.a, { alignment: 0.5, alignmentCi: [0.48, 0.52], top1: 0.76 });
    await createEvaluation(db, m.a, { alignment: 0.1, isCurrent: false, top1: 0.1 });
    await createEvaluation(db, m.b, { alignment: 0.49, alignmentCi: [0.47, 0.51], top1: 0.8 });
    await createEvaluation(db, m.c, { alignment: 0.3, alignmentCi: [0.29, 0.31], top1: 0.7 });
    await createEvaluation(db, m.d, { alignment: 0.7, alignmentCi: [0.69, 0.71], top1: 0.78 });
    await createEvaluation(db, m.e, { alignment: 0.9, top1: 0.9 });
    await createEvaluation(db, m.f, { alignment: 0.95 });
    await createEvaluation(db, m.g, { alignment: null });
    await createEvaluation(db, m.a, { benchmarkId: "synthetic", isDemo: true, alignment: 0.2 });
    await recomputeRanks(db, "clickme", 1);
    await recomputeRanks(db, "synthetic", 1);
  });
  afterAll(() => handle?.close());

  it("ranks measured rows globally with ties, hiding demo rows once measured rows exist", async () => {
    const page = await getLeaderboard(db, q());
    expect(page.rows.map((r) => [r.slug, r.rank, r.rankBest, r.tiedWith, r.tied])).toEqual([
      ["d-vit-harmonized", 1, 1, 0, false],
      ["a-resnet", 2, 2, 1, true],
      ["b-vit", 3, 2, 1, true],
      ["c-vgg", 4, 4, 0, false],
    ]);
    expect(page).toMatchObject({ total: 4, totalUnfiltered: 4, hasDemo: false, hasMeasured: true });
    expect(page.benchmark).toMatchObject({ id: "clickme", version: 1, isCurrentVersion: true, ceiling: 0.65753 });
    expect(page.facets).toEqual({
      families: ["ResNet", "VGG", "ViT"],
      trainingData: ["ImageNet-1k", "ImageNet-1k + ClickMe maps", "ImageNet-21k"],
    });
    expect(page.rows[1]).toMatchObject({ alignmentCi: [0.48, 0.52], top1: 0.76, isDemo: false, benchmarkVersion: 1 });
    expect(page.rows[1].evaluatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("shows demo rows on request, ranked among themselves after measured rows", async () => {
    const page = await getLeaderboard(db, q({ includeDemo: true }));
    expect(page.rows.map((r) => [r.slug, r.rank, r.isDemo])).toEqual([
      ["d-vit-harmonized", 1, false],
      ["a-resnet", 2, false],
      ["b-vit", 3, false],
      ["c-vgg", 4, false],
      ["demo-e", 1, true],
    ]);
    expect(page).toMatchObject({ hasDemo: true, totalUnfiltered: 5 });
    expect(page.facets.families).toContain("ConvNeXt");
  });

  it("shows a demo-only board automatically and says so", async () => {
    const page = await getLeaderboard(db, q({ benchmark: "synthetic" }));
    expect(page.rows.map((r) => [r.slug, r.rank, r.isDemo])).toEqual([["a-resnet", 1, true]]);
    expect(page).toMatchObject({ hasDemo: true, hasMeasured: false });
    expect((await getLeaderboard(db, q({ benchmark: "synthetic", includeDemo: false }))).rows).toEqual([]);
  });

  it.each<[Partial<LeaderboardQuery>, string[]]>([
    [{ family: ["ViT"] }, ["d-vit-harmonized", "b-vit"]],
    [{ family: ["ViT", "VGG"] }, ["d-vit-harmonized", "b-vit", "c-vgg"]],
    [{ trainingData: ["ImageNet-21k"] }, ["c-vgg"]],
    [{ humanData: "yes" }, ["d-vit-harmonized"]],
    [{ humanData: "no" }, ["a-resnet", "b-vit", "c-vgg"]],
    [{ paramsMin: 50_000_000, paramsMax: 100_000_000 }, ["d-vit-harmonized", "b-vit"]],
    [{ paramsMax: 25_000_000 }, ["a-resnet"]],
    [{ q: "VIT" }, ["d-vit-harmonized", "b-vit"]],
    [{ q: "alpha" }, ["a-resnet"]],
    [{ q: "100%" }, ["c-vgg"]],
    // Punctuation is ignored (lib/leaderboard/board.ts), so a query of "%" or "_" alone filters nothing.
    [{ q: "%" }, ["d-vit-harmonized", "a-resnet", "b-vit", "c-vgg"]],
    [{ q: "_" }, ["d-vit-harmonized", "a-resnet", "b-vit", "c-vgg"]],
    [{ sort: "params", dir: "desc" }, ["c-vgg", "b-vit", "d-vit-harmonized", "a-resnet"]],
    [{ sort: "model", dir: "asc" }, ["a-resnet", "b-vit", "d-vit-harmonized", "c-vgg"]],
    [{ sort: "top1", dir: "asc" }, ["c-vgg", "a-resnet", "d-vit-harmonized", "b-vit"]],
    [{ sort: "rank", dir: "desc" }, ["c-vgg", "b-vit", "a-resnet", "d-vit-harmonized"]],
    [{ sort: "family", dir: "asc" }, ["a-resnet", "c-vgg", "d-vit-harmonized", "b-vit"]],
  ])("filters and sorts %j in SQL, keeping global ranks", async (over, expected) => {
    const page = await getLeaderboard(db, q(over));
    expect(slugs(page.rows)).toEqual(expected);
    expect(page.total).toBe(expected.length);
    for (const r of page.rows) {
      expect(r.rank).toBe({ "d-vit-harmonized": 1, "a-resnet": 2, "b-vit": 3, "c-vgg": 4 }[r.slug]);
    }
  });

  it("pages with a stable order and clamps a page past the end to the last page", async () => {
    const p2 = await getLeaderboard(db, q({ page: 2, pageSize: 3 }));
    expect(slugs(p2.rows)).toEqual(["c-vgg"]);
    expect(p2.total).toBe(4);
    expect(p2.query.page).toBe(2);
    // 4 rows at 3 a page: 2 pages, so page 9 is served as page 2 (rows 4–4), and the request is kept.
    const p9 = await getLeaderboard(db, q({ page: 9, pageSize: 3 }));
    expect(slugs(p9.rows)).toEqual(["c-vgg"]);
    expect(p9.total).toBe(4);
    expect(p9.query.page).toBe(2);
    expect(p9.requestedPage).toBe(9);
    const none = await getLeaderboard(db, q({ page: 5, q: "no such model" }));
    expect(none).toMatchObject({ rows: [], total: 0, requestedPage: 5, query: { page: 1 } });
  });

  it.each([
    // Search forms: "alphanet aresnet resnet", "betavit bvit vit", "gamma100 cvgg vgg", "deltavit dvitharmonized vit".
    ["vit beta", ["b-vit"]],
    ["B VIT", ["b-vit"]],
    ["harmonized delta", ["d-vit-harmonized"]],
    ["VIT-HARMONIZED", ["d-vit-harmonized"]],
    ["net alpha", ["a-resnet"]],
    ["vit gamma", []],
    ["vitvit", []],
    ["100%", ["c-vgg"]],
    ["  /  ", ["d-vit-harmonized", "a-resnet", "b-vit", "c-vgg"]],
  ])("search %j matches every word in any order, ignoring case and punctuation", async (text, expected) => {
    const page = await getLeaderboard(db, q({ q: text }));
    expect(slugs(page.rows)).toEqual(expected);
  });

  it("answers not_found for an unknown benchmark or version", async () => {
    await expect(getLeaderboard(db, q({ benchmark: "nope" }))).rejects.toMatchObject({
      code: "not_found",
      message: expect.stringContaining("Available: clickme, synthetic"),
    });
    await expect(getLeaderboard(db, q({ version: 5 }))).rejects.toMatchObject({
      code: "not_found",
      message: expect.stringContaining("no version 5"),
    });
  });

  it("returns every filtered scatter point with its lineage", async () => {
    const points = await getScatterPoints(db, q({ family: ["ViT"] }));
    expect(points).toEqual([
      expect.objectContaining({
        slug: "d-vit-harmonized",
        top1: 0.78,
        alignment: 0.7,
        humanData: true,
        parentSlug: "b-vit",
        alignmentCi: [0.69, 0.71],
      }),
      expect.objectContaining({ slug: "b-vit", parentSlug: null, isDemo: false }),
    ]);
    expect(slugs(await getScatterPoints(db, q()))).toEqual(["d-vit-harmonized", "a-resnet", "b-vit", "c-vgg"]);
    expect(slugs(await getScatterPoints(db, q(), { limit: 2 }))).toEqual(["d-vit-harmonized", "a-resnet"]);
    expect(slugs(await getScatterPoints(db, q({ includeDemo: true })))).toContain("demo-e");
  });

  it("recomputeRanks moves ranks when the board changes", async () => {
    const h = await createModel(db, { slug: "h-new", family: "ResNet" });
    await createEvaluation(db, h, { alignment: 0.6, alignmentCi: [0.5, 0.7] });
    await recomputeRanks(db, "clickme", 1);
    let page = await getLeaderboard(db, q());
    expect(page.rows.map((r) => [r.slug, r.rank, r.rankBest, r.tiedWith])).toEqual([
      ["d-vit-harmonized", 1, 1, 1],
      ["h-new", 2, 1, 3],
      ["a-resnet", 3, 2, 2],
      ["b-vit", 4, 2, 2],
      ["c-vgg", 5, 5, 0],
    ]);
    await db.update(models).set({ visibility: "hidden" }).where(eq(models.id, h.id));
    await recomputeRanks(db, "clickme", 1);
    page = await getLeaderboard(db, q());
    expect(page.rows.map((r) => [r.slug, r.rank])).toEqual([
      ["d-vit-harmonized", 1],
      ["a-resnet", 2],
      ["b-vit", 3],
      ["c-vgg", 4],
    ]);
  });
});

describe.each(testDatabaseKinds())("board cache on %s", (kind) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    db = handle.db;
    await upsertBenchmarksFromRegistry(db);
  });
  afterAll(() => handle?.close());

  it("serves a cached board until ranks change or the board is invalidated", async () => {
    const a = await createModel(db, { slug: "cache-a", displayName: "Old name" });
    await createEvaluation(db, a, { alignment: 0.5 });
    await recomputeRanks(db, "clickme", 1);
    expect(slugs((await getLeaderboard(db, q())).rows)).toEqual(["cache-a"]);

    await db.update(models).set({ displayName: "New name" }).where(eq(models.id, a.id));
    expect((await getLeaderboard(db, q())).rows[0].displayName).toBe("Old name");
    await recomputeRanks(db, "clickme", 1); // no rank changed: the cache stays
    expect((await getLeaderboard(db, q())).rows[0].displayName).toBe("Old name");
    await invalidateBoard(db, "clickme", 1);
    expect((await getLeaderboard(db, q())).rows[0].displayName).toBe("New name");

    const b = await createModel(db, { slug: "cache-b" });
    await createEvaluation(db, b, { alignment: 0.9 });
    expect(slugs((await getLeaderboard(db, q())).rows)).toEqual(["cache-a"]); // not ranked yet: off the board
    await recomputeRanks(db, "clickme", 1);
    expect(slugs((await getLeaderboard(db, q())).rows)).toEqual(["cache-b", "cache-a"]);
  });
});
