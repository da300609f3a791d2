import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle, Db } from "@/db/client";
import { createEvaluation, createModel } from "@/db/factories";
import { snapshots } from "@/db/schema";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { DEFAULT_QUERY, type LeaderboardQuery } from "@/lib/leaderboard/filters";
import { sha256Hex } from "@/lib/snapshots/canonical";
import { diffBoardRecords } from "@/lib/snapshots/compare";
import {
  buildViewContent,
  createNightlySnapshots,
  createSnapshot,
  getSnapshotOrThrow,
  listSnapshots,
  maybeCreateNightlySnapshots,
} from "./snapshots";
import { recomputeRanks } from "./ranks";

const q = (over: Partial<LeaderboardQuery> = {}): LeaderboardQuery => ({ ...DEFAULT_QUERY, ...over });
const at = (s: string) => new Date(`2026-02-${s}Z`);

/**
 * The id of the fixture's full view. The same constant for PGlite and PostgreSQL and on every run: a change
 * means the canonical content changed (a new snapshot format needs a new `format` string, not a silent change).
 */
const EXPECTED_FULL_VIEW_ID = "e08ee24045d236c0";

describe.each(testDatabaseKinds())("snapshots on %s", (kind) => {
  let handle: DatabaseHandle;
  let db: Db;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    db = handle.db;
    const a = await createModel(db, { slug: "snap-a", displayName: "Alpha", family: "ResNet", ownerName: "Ann", paramCount: 25_557_032 });
    const b = await createModel(db, { slug: "snap-b", displayName: 'Beta, "quoted"', family: "ViT", ownerName: "Bob", paramCount: null });
    const c = await createModel(db, {
      slug: "snap-c",
      displayName: "Gamma",
      family: "VGG",
      ownerName: "Ann",
      trainedOnHumanMaps: true,
      fineTunedFromId: a.id,
    });
    const hidden = await createModel(db, { slug: "snap-private", ownerName: "Ann", visibility: "private" });
    await createEvaluation(db, hidden, { alignment: 0.99, createdAt: at("01T00:00:00"), visibility: "private" });
    await createEvaluation(db, a, { alignment: 0.1 + 0.2, alignmentCi: [0.28, 0.32], top1: 0.7612, createdAt: at("02T10:00:00.123") });
    await createEvaluation(db, b, { alignment: 0.31, alignmentCi: [0.3, 0.33], top1: 1 / 3, createdAt: at("03T10:00:00") });
    await createEvaluation(db, c, { alignment: 0.5, top1: null, createdAt: at("04T10:00:00"), nUndefined: 2 });
    await recomputeRanks(db, "clickme", 1);
  });
  afterAll(() => handle?.close());

  it("derives the id from the sha256 of the canonical content, identical on every database and run", async () => {
    const { snapshot, created } = await createSnapshot(db, q());
    expect(created).toBe(true);
    expect(snapshot.id).toBe(EXPECTED_FULL_VIEW_ID);
    const [row] = await db.select().from(snapshots).where(eq(snapshots.id, snapshot.id));
    expect(sha256Hex(row.content)).toBe(row.hash);
    expect(row.hash.slice(0, 16)).toBe(row.id);
    expect(row).toMatchObject({
      benchmarkId: "clickme",
      benchmarkVersion: 1,
      rowCount: 3,
      origin: "user",
      query: "version=1&include_demo=false",
    });
    expect(row.dataCutoff?.toISOString()).toBe("2026-02-04T10:00:00.000Z");
  });

  it("reuses an identical snapshot whatever the page, and makes a new one for other filters", async () => {
    const again = await createSnapshot(db, q({ page: 3, pageSize: 7, version: 1, includeDemo: false }), "nightly");
    expect(again).toMatchObject({ created: false, snapshot: { id: EXPECTED_FULL_VIEW_ID, origin: "user" } });
    const vit = await createSnapshot(db, q({ family: ["ViT"] }));
    expect(vit.created).toBe(true);
    expect(vit.snapshot.id).not.toBe(EXPECTED_FULL_VIEW_ID);
    expect(vit.snapshot.rowCount).toBe(1);
    const list = await listSnapshots(db, { page: 1, pageSize: 10 });
    expect(list.total).toBe(2);
  });

  it("freezes rows, scores, intervals, ranks, lineage and private-attempt disclosure", async () => {
    const s = await getSnapshotOrThrow(db, EXPECTED_FULL_VIEW_ID);
    expect(s.content.rows.map((r) => [r.slug, r.rank, r.rank_best, r.tied_with, r.alignment, r.private_attempts_before])).toEqual([
      ["snap-c", 1, 1, 0, 0.5, 1],
      ["snap-b", 2, 2, 1, 0.31, 0],
      ["snap-a", 3, 2, 1, 0.30000000000000004, 1],
    ]);
    expect(s.content.scatter.map((p) => [p.slug, p.parentSlug])).toEqual([
      ["snap-b", null],
      ["snap-a", null],
    ]);
    expect(s.content.benchmark).toMatchObject({ id: "clickme", version: 1, ceiling: 0.65753 });
  });

  it("stays byte-identical after new results arrive, while the live view moves on", async () => {
    const before = (await getSnapshotOrThrow(db, EXPECTED_FULL_VIEW_ID)).json;
    const d = await createModel(db, { slug: "snap-d", displayName: "Delta", family: "ViT", ownerName: "Dee" });
    await createEvaluation(db, d, { alignment: 0.9, top1: 0.8, createdAt: at("05T00:00:00") });
    await recomputeRanks(db, "clickme", 1);
    const after = await getSnapshotOrThrow(db, EXPECTED_FULL_VIEW_ID);
    expect(after.json).toBe(before);
    const now = await buildViewContent(db, q());
    const diff = diffBoardRecords(after.content.rows, now.rows);
    expect(diff.added.map((r) => r.slug)).toEqual(["snap-d"]);
    expect(diff.changed.map((c) => [c.slug, c.rankDelta])).toEqual([
      ["snap-c", -1],
      ["snap-b", -1],
      ["snap-a", -1],
    ]);
    expect((await createSnapshot(db, q())).created).toBe(true);
  });

  it("refuses content that no longer matches its hash, and unknown or malformed ids", async () => {
    const { snapshot } = await createSnapshot(db, q({ family: ["VGG"] }));
    await db.update(snapshots).set({ content: "{}" }).where(eq(snapshots.id, snapshot.id));
    await expect(getSnapshotOrThrow(db, snapshot.id)).rejects.toThrow(/does not match its hash/);
    await expect(getSnapshotOrThrow(db, "ffffffffffffffff")).rejects.toMatchObject({ code: "not_found" });
    await expect(getSnapshotOrThrow(db, "../etc")).rejects.toMatchObject({ code: "not_found" });
  });

  it("creates nightly snapshots only for boards with results, reusing unchanged ones", async () => {
    const first = await createNightlySnapshots(db);
    expect(first.map((s) => s.benchmark)).toEqual(["clickme"]);
    const second = await createNightlySnapshots(db);
    expect(second).toEqual([{ benchmark: "clickme", id: first[0].id, created: false }]);
  });

  it("runs the nightly hook once per UTC day however often maintenance ticks", async () => {
    // A day no other test uses: the memo is per process, shared by the database kinds.
    const day = kind === "pglite" ? "2030-01-01" : "2030-01-02";
    expect(await maybeCreateNightlySnapshots(db, new Date(`${day}T00:00:01Z`))).toHaveLength(1);
    expect(await maybeCreateNightlySnapshots(db, new Date(`${day}T23:59:59Z`))).toBeNull();
    expect(await maybeCreateNightlySnapshots(db, new Date("2031-01-01T00:00:00Z"))).toHaveLength(1);
  });
});
