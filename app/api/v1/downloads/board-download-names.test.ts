/**
 * Issue #12: a board download is named after its view. The real route handlers (GET of leaderboard.csv and
 * leaderboard.json) answer plain HTTP requests on a PGlite test database; the file name says benchmark, version,
 * filters and day, in safe characters, bounded, and distinct views keep distinct names.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createEvaluation, createModel } from "@/db/factories";
import { openTestDatabase } from "@/db/testing";
import { MAX_FILE_NAME } from "@/lib/api/download-file-name";
import { recomputeRanks } from "@/lib/queries/ranks";

let handle: DatabaseHandle;
vi.mock("@/lib/queries/db", () => ({ getDb: async () => handle.db }));

const { GET: getCsv } = await import("./leaderboard.csv/route");
const { GET: getJson } = await import("./leaderboard.json/route");

const SITE = "http://localhost";
const fileNameOf = (res: Response) => /^attachment; filename="([^"]*)"$/.exec(res.headers.get("content-disposition") ?? "")?.[1];
const csv = (query: string) => getCsv(new Request(`${SITE}/api/v1/downloads/leaderboard.csv?${query}`));

describe("board downloads: file names from the view", () => {
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-03T10:00:00Z"));
    handle = await openTestDatabase("pglite");
    for (const [slug, family] of [
      ["vit-b16", "ViT"],
      ["vit-l16", "ViT"],
      ["resnet50", "ResNet"],
    ]) {
      const m = await createModel(handle.db, { slug, displayName: slug, family });
      await createEvaluation(handle.db, m, { alignment: 0.3 + slug.length / 100 });
      await createEvaluation(handle.db, m, { benchmarkId: "synthetic", alignment: 0.5 });
    }
    await recomputeRanks(handle.db, "clickme", 1);
    await recomputeRanks(handle.db, "synthetic", 1);
  });
  afterAll(async () => {
    vi.useRealTimers();
    await handle?.close();
  });

  it("names the whole board by benchmark, version and day", async () => {
    const res = await csv("benchmark=clickme");
    expect(res.status).toBe(200);
    expect(fileNameOf(res)).toBe("clickme-v1_2026-12-03.csv");
    expect((await res.text()).trim().split("\n")).toHaveLength(4);
  });

  it("says the filters of a filtered view, in CSV and JSON alike, and serves exactly that view", async () => {
    const query = "benchmark=clickme&family=ViT&q=vit&human_data=no&params_min=10M&page=2&page_size=1";
    const res = await csv(query);
    expect(res.status).toBe(200);
    expect(fileNameOf(res)).toBe("clickme-v1_family-vit_human-maps-no_params-min-10m_search-vit_2026-12-03.csv");
    const rows = (await res.text()).trim().split("\n").slice(1);
    expect(rows.map((r) => r.split(",")[3]).sort()).toEqual(["vit-b16", "vit-l16"]);
    const json = await getJson(new Request(`${SITE}/api/v1/downloads/leaderboard.json?${query}`));
    expect(json.status).toBe(200);
    expect(fileNameOf(json)).toBe("clickme-v1_family-vit_human-maps-no_params-min-10m_search-vit_2026-12-03.json");
    expect((await json.json()).rows).toHaveLength(2);
  });

  it("names a synthetic board's download after it", async () => {
    const res = await csv("benchmark=synthetic&include_demo=false");
    expect(fileNameOf(res)).toBe("synthetic-v1_without-demo_2026-12-03.csv");
  });

  it("keeps names to safe characters and bounded length, and distinct views distinct", async () => {
    const long = "x".repeat(90);
    const views = [
      `q=${encodeURIComponent('a"b\r\nContent-Type: text/html; ../../etc')}`,
      `q=${encodeURIComponent("視覚モデル")}`,
      `q=${encodeURIComponent("ビジョン")}`,
      `q=${long}a`,
      `q=${long}b`,
      Array.from({ length: 20 }, (_, i) => `family=${"Family".repeat(15)}${i}`).join("&"),
      Array.from({ length: 20 }, (_, i) => `family=${"Family".repeat(15)}${i + 1}`).join("&"),
    ];
    const names: string[] = [];
    for (const v of views) {
      const res = await csv(`benchmark=clickme&${v}`);
      expect(res.status, v).toBe(200);
      const name = fileNameOf(res)!;
      expect(name, v).toMatch(/^[a-z0-9][a-z0-9._-]*\.csv$/);
      expect(name.length, v).toBeLessThanOrEqual(MAX_FILE_NAME);
      expect(name, v).toMatch(/^clickme-v1_.*_2026-12-03\.csv$/);
      names.push(name);
    }
    expect(new Set(names).size).toBe(views.length);
    // A header-breaking search is words and dashes; a search with nothing left in these characters keeps a hash.
    expect(names[0]).toBe("clickme-v1_search-a-b-content-type-text-html-etc_2026-12-03.csv");
    expect(names[1]).toMatch(/^clickme-v1_search-other_filters-[0-9a-f]{10}_2026-12-03\.csv$/);
  });
});
