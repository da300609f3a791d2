import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc } from "drizzle-orm";
import { getLeaderboard, listReferencePoints } from "@/lib/queries";
import { DEFAULT_QUERY } from "@/lib/leaderboard/filters";
import { BENCHMARKS } from "@/lib/benchmarks";
import type { DatabaseHandle, Db } from "./client";
import { benchmarks, evaluations, models, referencePoints } from "./schema";
import { seedDatabase } from "@/lib/queries/seed";
import { openTestDatabase, testDatabaseKinds } from "./testing";

async function snapshot(db: Db) {
  return {
    benchmarks: await db.select().from(benchmarks).orderBy(asc(benchmarks.id), asc(benchmarks.version)),
    models: await db.select().from(models).orderBy(asc(models.id)),
    evaluations: await db.select().from(evaluations).orderBy(asc(evaluations.id)),
    referencePoints: await db.select().from(referencePoints).orderBy(asc(referencePoints.id)),
  };
}

describe.each(testDatabaseKinds())("seedDatabase on %s", (kind) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    db = handle.db;
    await seedDatabase(db);
  });
  afterAll(() => handle?.close());

  it("is idempotent: a second run changes nothing", async () => {
    const first = await snapshot(db);
    await seedDatabase(db);
    expect(await snapshot(db)).toEqual(first);
  });

  it("labels every demo model and evaluation as demo data", async () => {
    const rows = await db.select().from(models);
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(new Set(rows.map((r) => r.family)).size).toBeGreaterThanOrEqual(6);
    for (const r of rows) {
      expect(r).toMatchObject({ isDemo: true, slug: expect.stringMatching(/^demo-/), displayName: expect.stringMatching(/ \(demo\)$/) });
    }
    const evals = await db.select().from(evaluations);
    expect(evals.every((e) => e.isDemo && e.provenance === null && e.nImages === 0)).toBe(true);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const harmonized = rows.filter((r) => r.fineTunedFromId !== null);
    expect(harmonized.length).toBeGreaterThanOrEqual(3);
    for (const h of harmonized) {
      expect(h.trainedOnHumanMaps).toBe(true);
      expect(byId.get(h.fineTunedFromId!)?.trainedOnHumanMaps).toBe(false);
    }
  });

  it("upserts the registry benchmarks", async () => {
    const stored = (await db.select().from(benchmarks)).map((b) => [b.id, b.version, b.isCurrent]);
    expect(stored.sort()).toEqual(BENCHMARKS.map((b) => [b.id, b.version, true]).sort());
    expect(stored).toContainEqual(["clickme", 1, true]);
  });

  it("stores the eight paper points as an approximate reference layer with their source", async () => {
    const points = await listReferencePoints(db, "clickme");
    expect(points).toHaveLength(8);
    expect(points.every((p) => p.approximate && p.source.includes("Fel et al. 2022") && p.howObtained.includes("read off"))).toBe(true);
    expect(points.find((p) => p.model === "ViT-B16" && p.variant === "harmonized")).toMatchObject({ top1Pct: 75.7, alignmentPct: 72.6 });
  });

  it("makes a fresh board show ranked, labelled demo rows", async () => {
    const page = await getLeaderboard(db, DEFAULT_QUERY);
    expect(page.total).toBe(12);
    expect(page).toMatchObject({ hasDemo: true, hasMeasured: false });
    expect(page.rows.every((r) => r.isDemo)).toBe(true);
    expect(page.rows[0].rank).toBe(1);
    const synthetic = await getLeaderboard(db, { ...DEFAULT_QUERY, benchmark: "synthetic" });
    expect(synthetic.total).toBeGreaterThan(0);
  });
});
