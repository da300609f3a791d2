import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { createEvaluation, createModel } from "@/db/factories";
import { seedDatabase } from "@/lib/queries/seed";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { BENCHMARKS } from "@/lib/benchmarks";
import { recomputeRanks } from "@/lib/queries/ranks";
import { handleBenchmark, handleBenchmarks, handleLeaderboard, handleModel, handleModels, handleReferencePoints } from "./read-handlers";
import { handleResult, handleThumbnail } from "./public-results";
import { handleSnapshot } from "./public-snapshots";

const url = (path: string) => new URL(path, "http://localhost");

async function body(res: Response) {
  return { status: res.status, json: await res.json(), cache: res.headers.get("cache-control") };
}

describe.each(testDatabaseKinds())("public read API on %s", (kind) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    db = handle.db;
    await seedDatabase(db);
  });
  afterAll(() => handle?.close());

  it("serves the demo board with a notice and is_demo on every row", async () => {
    const { status, json, cache } = await body(await handleLeaderboard(db, url("/api/v1/leaderboard?page_size=5")));
    expect(status).toBe(200);
    expect(cache).toBe("public, max-age=30");
    expect(json.notice).toMatch(/demo data/);
    expect(json).toMatchObject({ total: 12, page: 1, page_size: 5, page_count: 3, has_demo: true, has_measured: false });
    expect(json.rows).toHaveLength(5);
    expect(json.rows.every((r: { is_demo: boolean }) => r.is_demo)).toBe(true);
    expect(json.rows[0]).toMatchObject({
      rank: 1,
      slug: expect.stringMatching(/^demo-/),
      alignment_ci95: [expect.any(Number), expect.any(Number)],
    });
    expect(json.links).toEqual({ self: "/api/v1/leaderboard?page_size=5", next: "/api/v1/leaderboard?page=2&page_size=5", prev: null });
    expect(json.ranking).toMatch(/global/);
  });

  it("serves a page past the end as the last page and reports it", async () => {
    // 12 demo rows at 5 a page: pages 1–3, page 3 holds rows 11–12.
    const { status, json } = await body(await handleLeaderboard(db, url("/api/v1/leaderboard?page_size=5&page=99")));
    expect(status).toBe(200);
    expect(json).toMatchObject({ total: 12, page: 3, page_size: 5, page_count: 3 });
    expect(json.rows).toHaveLength(2);
    expect(json.links).toEqual({
      self: "/api/v1/leaderboard?page=3&page_size=5",
      next: null,
      prev: "/api/v1/leaderboard?page=2&page_size=5",
    });
  });

  it("hides demo rows and drops the notice once a measured result exists, unless asked", async () => {
    const m = await createModel(db, { slug: "measured-one", family: "ResNet" });
    await createEvaluation(db, m, { alignment: 0.41 });
    await recomputeRanks(db, "clickme", 1);
    const { json } = await body(await handleLeaderboard(db, url("/api/v1/leaderboard")));
    expect(json.notice).toBeUndefined();
    expect(json.rows.map((r: { slug: string; rank: number }) => [r.slug, r.rank])).toEqual([["measured-one", 1]]);
    const withDemo = await body(await handleLeaderboard(db, url("/api/v1/leaderboard?include_demo=true&family=ResNet")));
    expect(withDemo.json.notice).toMatch(/demo data/);
    expect(withDemo.json.rows.map((r: { is_demo: boolean }) => r.is_demo)).toEqual([false, true, true]);
  });

  it.each([
    ["/api/v1/leaderboard?sort=speed", "sort"],
    ["/api/v1/leaderboard?page_size=1000", "page_size"],
    ["/api/v1/leaderboard?params_min=big", "params_min"],
    ["/api/v1/leaderboard?colour=red", "colour"],
    ["/api/v1/models?sort=rank", "sort"],
    ["/api/v1/models?page=-1", "page"],
  ])("answers 400 with the envelope naming the parameter: %s", async (path, param) => {
    const handler = path.startsWith("/api/v1/models") ? handleModels : handleLeaderboard;
    const { status, json, cache } = await body(await handler(db, url(path)));
    expect(status).toBe(400);
    expect(cache).toBe("no-store");
    expect(json.error).toMatchObject({ code: "bad_request", message: expect.stringContaining(`'${param}'`) });
    expect(json.error.details.params[0].param).toBe(param);
  });

  it("answers 404 for an unknown benchmark, version or model", async () => {
    for (const res of [
      await handleLeaderboard(db, url("/api/v1/leaderboard?benchmark=imagenet")),
      await handleLeaderboard(db, url("/api/v1/leaderboard?version=9")),
      await handleModel(db, "no-such-model"),
      await handleBenchmark(db, "imagenet", url("/api/v1/benchmarks/imagenet")),
      await handleReferencePoints(db, url("/api/v1/reference-points?benchmark=imagenet")),
    ]) {
      const { status, json } = await body(res);
      expect(status).toBe(404);
      expect(json.error.code).toBe("not_found");
    }
  });

  // Next hands a segment over still encoded when it is not valid UTF-8, decoded otherwise: both spellings are sent.
  const HOSTILE_SEGMENTS: [string, string, string][] = [
    ["%00", "slug", "Path segment 'slug' contains a NUL byte."],
    ["\0", "slug", "Path segment 'slug' contains a NUL byte."],
    ["a%00b", "slug", "Path segment 'slug' contains a NUL byte."],
    ["%FF", "slug", "Path segment 'slug' is not valid percent-encoded UTF-8: '%FF'."],
    ["%C0%AE", "slug", "Path segment 'slug' is not valid percent-encoded UTF-8: '%C0%AE'."],
  ];
  it.each(HOSTILE_SEGMENTS)("answers 400 for the path segment %j of models, benchmarks, snapshots and results", async (raw, _, message) => {
    const req = new Request("http://localhost/api/v1/x");
    const cases: [Promise<Response>, string][] = [
      [handleModel(db, raw), message],
      [handleBenchmark(db, raw, url("/api/v1/benchmarks/x")), message.replace("'slug'", "'id'")],
      [handleSnapshot(db, req, raw), message.replace("'slug'", "'id'")],
      [handleResult(db, req, raw), message.replace("'slug'", "'result id'")],
      [handleThumbnail(db, req, "1", raw, "0"), message.replace("'slug'", "'kind'")],
    ];
    for (const [pending, expected] of cases) {
      const { status, json } = await body(await pending);
      expect([status, json.error]).toEqual([400, { code: "bad_request", message: expected }]);
    }
  });

  it("parses result ids strictly: non-canonical integers are 400, ids past the integer column 404", async () => {
    const req = new Request("http://localhost/api/v1/results/x");
    for (const raw of ["0x1a", "1e3", "01", "-1", "+1", " 1", "1.0", "0", "abc"]) {
      const { status, json } = await body(await handleResult(db, req, raw));
      expect([raw, status, json.error]).toEqual([
        raw,
        400,
        {
          code: "bad_request",
          message: `Invalid result id '${raw}': expected a positive decimal integer (no sign, leading zeros or hex).`,
        },
      ]);
    }
    for (const raw of ["2147483648", "99999999999999999999"]) {
      const { status, json } = await body(await handleResult(db, req, raw));
      expect([status, json.error]).toEqual([404, { code: "not_found", message: `No result ${raw}: result ids stop at 2147483647.` }]);
    }
    expect((await handleResult(db, req, "2147483647")).status).toBe(404); // in range, no such row
  });

  it("answers a database failure with the JSON envelope, without details", async () => {
    const { status, json } = await body(await handleLeaderboard(Promise.reject(new Error("disk on fire")), url("/api/v1/leaderboard")));
    expect(status).toBe(500);
    expect(json).toEqual({ error: { code: "internal", message: "Internal error" } });
  });

  it("serves a demo model with lineage, ranks, evaluations and the notice", async () => {
    const { status, json } = await body(await handleModel(db, "demo-vgg16-harmonized"));
    expect(status).toBe(200);
    expect(json.notice).toMatch(/demo data/);
    expect(json.model).toMatchObject({ slug: "demo-vgg16-harmonized", is_demo: true, trained_on_human_maps: true });
    expect(json.model.owner_user_id).toBeUndefined();
    expect(json.fine_tuned_from).toEqual({ slug: "demo-vgg16", display_name: "VGG-16 (demo)", is_demo: true });
    expect(Object.keys(json.rank_by_benchmark).sort()).toEqual(["clickme", "synthetic"]);
    expect(json.evaluations[0]).toMatchObject({
      benchmark_id: "clickme",
      is_demo: true,
      provenance: null,
      scores: { alignment: expect.any(Object) },
    });
  });

  it("lists models, benchmarks and reference points", async () => {
    const models = await body(await handleModels(db, url("/api/v1/models?q=vgg")));
    expect(models.json.models.map((m: { slug: string }) => m.slug)).toEqual(["demo-vgg16", "demo-vgg16-harmonized"]);
    expect(models.json.notice).toMatch(/demo data/);
    const benches = await body(await handleBenchmarks(db, url("/api/v1/benchmarks")));
    expect(benches.json.benchmarks.map((b: { id: string }) => b.id)).toEqual(BENCHMARKS.map((b) => b.id));
    expect(benches.json.benchmarks[0].versions).toEqual([{ version: 1, is_current: true, measured: 1, demo: 12 }]);
    const refs = await body(await handleReferencePoints(db, url("/api/v1/reference-points")));
    expect(refs.json.points).toHaveLength(8);
    expect(refs.json.points[0]).toMatchObject({ approximate: true, source: expect.stringContaining("Fel et al. 2022") });
  });
});
