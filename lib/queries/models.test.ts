import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { createEvaluation, createModel } from "@/db/factories";
import type { ModelRow } from "@/db/schema";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { BENCHMARKS } from "@/lib/benchmarks";
import { getBenchmarkOrThrow, listBenchmarks, upsertBenchmarksFromRegistry } from "./benchmarks";
import { getModelDetailOrThrow, listModels } from "./models";
import { recomputeRanks } from "./ranks";

describe.each(testDatabaseKinds())("model and benchmark queries on %s", (kind) => {
  let handle: DatabaseHandle;
  let db: Db;
  const m: Record<string, ModelRow> = {};

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    db = handle.db;
    await upsertBenchmarksFromRegistry(db);
    m.base = await createModel(db, { slug: "base", displayName: "Base Net", family: "ResNet" });
    m.tuned = await createModel(db, {
      slug: "tuned",
      displayName: "Tuned Net",
      family: "ResNet",
      fineTunedFromId: m.base.id,
      trainedOnHumanMaps: true,
    });
    m.other = await createModel(db, { slug: "other", displayName: "another", family: "ViT" });
    m.hidden = await createModel(db, {
      slug: "hidden",
      displayName: "Hidden",
      family: "ResNet",
      visibility: "hidden",
      fineTunedFromId: m.base.id,
    });
    await createEvaluation(db, m.base, { alignment: 0.3, createdAt: new Date("2026-01-01T00:00:00Z"), isCurrent: false });
    await createEvaluation(db, m.base, { alignment: 0.35, createdAt: new Date("2026-02-01T00:00:00Z") });
    await createEvaluation(db, m.base, { benchmarkId: "synthetic", alignment: 0.9 });
    await createEvaluation(db, m.tuned, { alignment: 0.6 });
    await createEvaluation(db, m.other, { alignment: 0.34 });
    await createEvaluation(db, m.base, { alignment: 0.5, visibility: "private", benchmarkVersion: 2 });
    await recomputeRanks(db, "clickme", 1);
    await recomputeRanks(db, "synthetic", 1);
  });
  afterAll(() => handle?.close());

  it("returns a model with its evaluations (history kept), lineage and ranks", async () => {
    const d = await getModelDetailOrThrow(db, "base");
    expect(d.model.slug).toBe("base");
    expect(d.evaluations.map((e) => [e.benchmarkId, e.alignment, e.isCurrent, e.benchmarkTitle])).toEqual([
      ["clickme", 0.35, true, "ClickMe human alignment"],
      ["clickme", 0.3, false, "ClickMe human alignment"],
      ["synthetic", 0.9, true, "Synthetic ClickMe-format set"],
    ]);
    expect(d.parent).toBeNull();
    expect(d.children).toEqual([{ slug: "tuned", displayName: "Tuned Net", isDemo: false }]);
    // 0.35 ± 0.02 overlaps 'other' (0.34 ± 0.02): rank 2, best admissible rank 2 (tuned lies wholly above).
    expect(d.rankByBenchmark).toEqual({
      clickme: { rank: 2, rankBest: 2, total: 3, version: 1 },
      synthetic: { rank: 1, rankBest: 1, total: 1, version: 1 },
    });
    const t = await getModelDetailOrThrow(db, "tuned");
    expect(t.parent).toEqual({ slug: "base", displayName: "Base Net", isDemo: false });
  });

  it("answers not_found for unknown and hidden models", async () => {
    await expect(getModelDetailOrThrow(db, "nope")).rejects.toMatchObject({ code: "not_found", message: "No model 'nope'." });
    await expect(getModelDetailOrThrow(db, "hidden")).rejects.toMatchObject({ code: "not_found" });
  });

  it("lists public models alphabetically with search, family filter and pages", async () => {
    const all = await listModels(db, { page: 1, pageSize: 50 });
    expect(all.rows.map((r) => r.slug)).toEqual(["other", "base", "tuned"]);
    expect(all.total).toBe(3);
    expect((await listModels(db, { q: "net", page: 1, pageSize: 50 })).rows.map((r) => r.slug)).toEqual(["base", "tuned"]);
    expect((await listModels(db, { family: ["ViT"], page: 1, pageSize: 50 })).rows.map((r) => r.slug)).toEqual(["other"]);
    const p2 = await listModels(db, { page: 2, pageSize: 2 });
    expect(p2).toMatchObject({ total: 3, page: 2 });
    expect(p2.rows.map((r) => r.slug)).toEqual(["tuned"]);
    expect(await listModels(db, { page: 5, pageSize: 2 })).toMatchObject({ rows: [], total: 3 });
  });

  it("lists benchmarks with per-version counts of ranked public rows", async () => {
    const list = await listBenchmarks(db);
    expect(list.map((b) => b.definition.id)).toEqual(BENCHMARKS.map((b) => b.id));
    const versions = Object.fromEntries(list.map((b) => [b.definition.id, b.versions]));
    expect(versions.clickme).toEqual([{ version: 1, isCurrent: true, measured: 3, demo: 0 }]);
    expect(versions.synthetic).toEqual([{ version: 1, isCurrent: true, measured: 1, demo: 0 }]);
    await expect(getBenchmarkOrThrow(db, "imagenet")).rejects.toMatchObject({
      code: "not_found",
      message: expect.stringContaining("Unknown benchmark 'imagenet'"),
    });
  });
});
