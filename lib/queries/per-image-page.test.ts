import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { createEvaluation, createModel } from "@/db/factories";
import { evaluationThumbnails, imageResults, type EvaluationRow } from "@/db/schema";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { listImageResultsPage } from "./per-image-page";

// ρ per image index: ties (−0.2 twice), undefined values (null twice), one other result's rows that must not leak in.
const RHO = [0.3, null, -0.2, 0.9, -0.2, 0.5, null, 0.1];

describe.each(testDatabaseKinds())("per-image pages on %s", (kind) => {
  let handle: DatabaseHandle;
  let db: Db;
  let e: EvaluationRow;
  let empty: EvaluationRow;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    db = handle.db;
    const m = await createModel(db, { slug: "pi-model" });
    e = await createEvaluation(db, m);
    empty = await createEvaluation(db, m, { benchmarkId: "synthetic" });
    const other = await createEvaluation(db, await createModel(db, { slug: "pi-other" }));
    const row = (evaluationId: number, spearman: number | null, index: number) => ({
      evaluationId,
      index,
      shard: "val-0",
      label: index * 10,
      spearman,
      correct: index % 2 === 0,
      dice: null,
      iou: null,
    });
    await db.insert(imageResults).values([...RHO.map((r, i) => row(e.id, r, i)), row(other.id, -0.9, 0), row(other.id, 0.99, 1)]);
    await db.insert(evaluationThumbnails).values([
      { evaluationId: e.id, kind: "human", imageIndex: 2, png: Buffer.from([1]) },
      { evaluationId: e.id, kind: "saliency", imageIndex: 2, png: Buffer.from([2]) },
      { evaluationId: other.id, kind: "human", imageIndex: 3, png: Buffer.from([3]) },
    ]);
  });
  afterAll(() => handle?.close());

  const indices = async (sort: "rho-asc" | "rho-desc" | "index", page: number, pageSize: number) =>
    (await listImageResultsPage(db, e.id, { sort, page, pageSize })).rows.map((r) => r.index);

  it("pages through every image of the result, undefined ρ included, in each order", async () => {
    const all = await listImageResultsPage(db, e.id, { sort: "index", page: 1, pageSize: 100 });
    expect(all).toMatchObject({ total: 8, pages: 1, page: 1, pageSize: 100, sort: "index" });
    expect(all.rows.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Ascending ρ, ties by index, undefined last; descending likewise with undefined last.
    expect([...(await indices("rho-asc", 1, 3)), ...(await indices("rho-asc", 2, 3)), ...(await indices("rho-asc", 3, 3))]).toEqual([
      2, 4, 7, 0, 5, 3, 1, 6,
    ]);
    expect([...(await indices("rho-desc", 1, 3)), ...(await indices("rho-desc", 2, 3)), ...(await indices("rho-desc", 3, 3))]).toEqual([
      3, 5, 0, 7, 2, 4, 1, 6,
    ]);
  });

  it("clamps a page past the end to the last page and a page below 1 to the first", async () => {
    const past = await listImageResultsPage(db, e.id, { sort: "index", page: 99, pageSize: 3 });
    expect(past).toMatchObject({ page: 3, pages: 3, total: 8 });
    expect(past.rows.map((r) => r.index)).toEqual([6, 7]);
    const below = await listImageResultsPage(db, e.id, { sort: "index", page: 0, pageSize: 3 });
    expect(below.page).toBe(1);
    expect(below.rows.map((r) => r.index)).toEqual([0, 1, 2]);
  });

  it("lists the thumbnails stored for each image of the page, and only this result's", async () => {
    const p = await listImageResultsPage(db, e.id, { sort: "index", page: 1, pageSize: 4 });
    const byIndex = Object.fromEntries(p.rows.map((r) => [r.index, r.thumbnails]));
    expect(byIndex[2]).toEqual(["saliency", "human"]);
    expect(byIndex[3]).toEqual([]);
    expect(p.rows[2]).toMatchObject({ label: 20, spearman: -0.2, correct: true, shard: "val-0" });
  });

  it("answers a result without per-image rows with one empty page", async () => {
    expect(await listImageResultsPage(db, empty.id, { sort: "rho-asc", page: 5, pageSize: 25 })).toEqual({
      rows: [],
      total: 0,
      page: 1,
      pages: 1,
      pageSize: 25,
      sort: "rho-asc",
    });
  });
});
