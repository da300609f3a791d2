import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { createEvaluation, createModel } from "@/db/factories";
import { evaluationThumbnails, imageResults, type EvaluationRow } from "@/db/schema";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { DEFAULT_QUERY } from "@/lib/leaderboard/filters";
import { getBoardExport, iterateDump } from "./downloads";
import { recomputeRanks } from "./ranks";
import { countPrivateAttemptsBefore, getImageExtremes, getResultOrThrow, getThumbnailOrThrow } from "./results";

const day = (d: number) => new Date(Date.UTC(2026, 0, d));

describe.each(testDatabaseKinds())("results on %s", (kind) => {
  let handle: DatabaseHandle;
  let db: Db;
  const e: Record<string, EvaluationRow> = {};

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    db = handle.db;
    // Owner u1 tried twice in private (one on another benchmark, one after publication), then published.
    const draft = await createModel(db, { slug: "r-draft", ownerName: "Uma", ownerUserId: "u1", visibility: "private" });
    const pub = await createModel(db, { slug: "r-public", ownerName: "Uma", ownerUserId: "u1" });
    const other = await createModel(db, { slug: "r-other", ownerName: "Uma", ownerUserId: "u2" });
    const byName = await createModel(db, { slug: "r-name", ownerName: "Noor" });
    e.d1 = await createEvaluation(db, draft, { createdAt: day(1) });
    e.d2 = await createEvaluation(db, pub, { createdAt: day(2), visibility: "private", isCurrent: false });
    e.dSynthetic = await createEvaluation(db, draft, { benchmarkId: "synthetic", createdAt: day(2) });
    e.pub = await createEvaluation(db, pub, { createdAt: day(3), publishedAt: day(4), alignment: 0.6 });
    e.late = await createEvaluation(db, draft, { benchmarkVersion: 2, createdAt: day(5) });
    e.other = await createEvaluation(db, other, { createdAt: day(6), alignment: 0.5 });
    const nameDraft = await createModel(db, { slug: "r-name-draft", ownerName: "Noor", visibility: "private" });
    await createEvaluation(db, nameDraft, { createdAt: day(1) });
    e.name = await createEvaluation(db, byName, { createdAt: day(7), alignment: 0.4 });
    await recomputeRanks(db, "clickme", 1);
    await db.insert(imageResults).values(
      [0.3, null, -0.2, 0.9, -0.2, 0.5].map((spearman, index) => ({
        evaluationId: e.pub.id,
        index,
        shard: "val-0",
        label: index,
        spearman,
        correct: index % 2 === 0,
        dice: null,
        iou: null,
      })),
    );
    await db.insert(evaluationThumbnails).values([{ evaluationId: e.pub.id, kind: "human", imageIndex: 2, png: Buffer.from([1, 2, 3]) }]);
  });
  afterAll(() => handle?.close());

  it("counts the owner's private evaluations on the benchmark that preceded publication, by account or by name", async () => {
    const n = await countPrivateAttemptsBefore(db, [e.pub.id, e.other.id, e.name.id]);
    // e.pub: d1 and d2 (both before day 4, same account, clickme); not the synthetic one, not the later one.
    expect(Object.fromEntries(n)).toEqual({ [e.pub.id]: 2, [e.other.id]: 0, [e.name.id]: 1 });
  });

  it("returns a public result with its board size and disclosure, and hides private ones", async () => {
    const r = await getResultOrThrow(db, e.pub.id);
    expect(r).toMatchObject({
      privateAttemptsBefore: 2,
      boardSize: 3,
      benchmarkTitle: "ClickMe human alignment",
      isCurrentBenchmarkVersion: true,
    });
    expect(r.model).toMatchObject({ slug: "r-public", ownerName: "Uma" });
    expect(r.evaluation.rank).toBe(1);
    await expect(getResultOrThrow(db, e.d1.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getResultOrThrow(db, e.d2.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("orders the explorer's images by Spearman both ways, ties by index, leaving undefined ρ out", async () => {
    const x = await getImageExtremes(db, e.pub.id, 3);
    expect(x.total).toBe(5);
    expect(x.disagree.map((i) => [i.index, i.spearman])).toEqual([
      [2, -0.2],
      [4, -0.2],
      [0, 0.3],
    ]);
    expect(x.agree.map((i) => [i.index, i.spearman])).toEqual([
      [3, 0.9],
      [5, 0.5],
      [0, 0.3],
    ]);
    expect(x.disagree[0].thumbnails).toEqual(["human"]);
    expect(x.disagree[1].thumbnails).toEqual([]);
  });

  it("serves stored thumbnails and names what is wrong otherwise", async () => {
    expect([...(await getThumbnailOrThrow(db, e.pub.id, "human", 2))]).toEqual([1, 2, 3]);
    await expect(getThumbnailOrThrow(db, e.pub.id, "photo", 2)).rejects.toThrow(/Allowed: saliency, human, image/);
    await expect(getThumbnailOrThrow(db, e.pub.id, "saliency", 2)).rejects.toMatchObject({ code: "not_found" });
  });

  it("exports every filtered row with its evaluation id and disclosure", async () => {
    const view = await getBoardExport(db, { ...DEFAULT_QUERY, pageSize: 1 });
    expect(view.rows.map((r) => [r.slug, r.evaluationId, r.privateAttemptsBefore])).toEqual([
      ["r-public", e.pub.id, 2],
      ["r-other", e.other.id, 0],
      ["r-name", e.name.id, 1],
    ]);
    expect(view.query).toMatchObject({ version: 1, includeDemo: false });
  });

  it("dumps every current public evaluation across batches, in id order", async () => {
    const all = [];
    for await (const r of iterateDump(db, 2)) all.push(r);
    expect(all.map((r) => r.evaluation_id)).toEqual([e.pub.id, e.other.id, e.name.id]);
    expect(all[0]).toMatchObject({
      benchmark_id: "clickme",
      model: { slug: "r-public", owner_name: "Uma" },
      published_at: day(4).toISOString(),
    });
  });
});
