/** Snapshots: create (or reuse) a frozen view, read one back, list them, and build the nightly set. */
import { and, count, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { snapshots, type SnapshotOrigin, type SnapshotRow } from "@/db/schema";
import { BENCHMARKS, getBenchmark } from "@/lib/benchmarks";
import { AppError } from "@/lib/errors";
import { DEFAULT_PAGE_SIZE, DEFAULT_QUERY, leaderboardQueryToSearchParams, type LeaderboardQuery } from "@/lib/leaderboard/filters";
import { SNAPSHOT_ID_PATTERN } from "@/lib/snapshots/canonical";
import { buildSnapshotContent, openSnapshotContent, sealSnapshot, type SnapshotContent } from "@/lib/snapshots/content";
import { getBoardExport } from "./downloads";
import { getScatterPoints } from "./leaderboard";
import { listReferencePoints } from "./reference-points";

export type SnapshotSummary = Omit<SnapshotRow, "content">;
export type Snapshot = { summary: SnapshotSummary; content: SnapshotContent; json: string };

const summaryColumns = {
  id: snapshots.id,
  hash: snapshots.hash,
  benchmarkId: snapshots.benchmarkId,
  benchmarkVersion: snapshots.benchmarkVersion,
  query: snapshots.query,
  rowCount: snapshots.rowCount,
  dataCutoff: snapshots.dataCutoff,
  origin: snapshots.origin,
  createdAt: snapshots.createdAt,
};

/** The frozen content of a view as it is now (not stored): what createSnapshot would hash. */
export async function buildViewContent(db: DbOrTx, query: LeaderboardQuery): Promise<SnapshotContent> {
  const view = await getBoardExport(db, query);
  const q = view.query;
  const [scatter, reference] = await Promise.all([getScatterPoints(db, q), listReferencePoints(db, q.benchmark)]);
  const def = getBenchmark(view.benchmark.id);
  return buildSnapshotContent({
    benchmark: {
      id: view.benchmark.id,
      version: view.benchmark.version,
      title: view.benchmark.title,
      ceiling: view.benchmark.ceiling,
      citation: def.citation.text,
    },
    query: leaderboardQueryToSearchParams({ ...q, page: 1, pageSize: DEFAULT_PAGE_SIZE }).toString(),
    showsDemo: view.showsDemo,
    totalUnfiltered: view.totalUnfiltered,
    rows: view.rows,
    scatter,
    reference: reference.flatMap((r) =>
      r.variant === "baseline" || r.variant === "harmonized"
        ? [
            {
              model: r.model,
              variant: r.variant,
              top1Pct: r.top1Pct,
              alignmentPct: r.alignmentPct,
              source: r.source,
              approximate: r.approximate,
            },
          ]
        : [],
    ),
  });
}

/**
 * Freezes the view `query` describes. An identical view (same content, hence same hash) is reused, never
 * duplicated: `created` says which happened. Page and page size do not matter; the whole filtered board is kept.
 */
export async function createSnapshot(
  db: DbOrTx,
  query: LeaderboardQuery,
  origin: SnapshotOrigin = "user",
): Promise<{ snapshot: SnapshotSummary; created: boolean }> {
  const content = await buildViewContent(db, query);
  const { json, hash, id } = sealSnapshot(content);
  const inserted = await db
    .insert(snapshots)
    .values({
      id,
      hash,
      content: json,
      origin,
      benchmarkId: content.benchmark.id,
      benchmarkVersion: content.benchmark.version,
      query: content.query,
      rowCount: content.rows.length,
      dataCutoff: content.dataCutoff === null ? null : new Date(content.dataCutoff),
    })
    .onConflictDoNothing({ target: snapshots.hash })
    .returning(summaryColumns);
  if (inserted.length) return { snapshot: inserted[0], created: true };
  const [existing] = await db.select(summaryColumns).from(snapshots).where(eq(snapshots.hash, hash));
  return { snapshot: existing, created: false };
}

export async function getSnapshotOrThrow(db: DbOrTx, id: string): Promise<Snapshot> {
  if (!SNAPSHOT_ID_PATTERN.test(id)) throw new AppError("not_found", `No snapshot '${id}': ids are 16 hex digits.`);
  const [row] = await db.select().from(snapshots).where(eq(snapshots.id, id));
  if (!row) throw new AppError("not_found", `No snapshot '${id}'.`);
  const { content: json, ...summary } = row;
  return { summary, content: openSnapshotContent(json, row.hash), json };
}

export async function listSnapshots(
  db: DbOrTx,
  opts: { benchmark?: string; page: number; pageSize: number },
): Promise<{ rows: SnapshotSummary[]; total: number }> {
  const where = opts.benchmark ? and(eq(snapshots.benchmarkId, opts.benchmark)) : undefined;
  const [rows, [c]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(snapshots)
      .where(where)
      .orderBy(desc(snapshots.createdAt), desc(snapshots.id))
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize),
    db.select({ n: count() }).from(snapshots).where(where),
  ]);
  return { rows, total: c.n };
}

/**
 * The scheduler's nightly hook: the default view of each benchmark's current version that has measured results.
 * Unchanged boards reuse yesterday's snapshot, so the dated list grows only when the board changed.
 */
export async function createNightlySnapshots(db: DbOrTx): Promise<{ benchmark: string; id: string; created: boolean }[]> {
  const out: { benchmark: string; id: string; created: boolean }[] = [];
  for (const def of BENCHMARKS) {
    const query: LeaderboardQuery = { ...DEFAULT_QUERY, benchmark: def.id, includeDemo: false, family: [], trainingData: [] };
    const view = await getBoardExport(db, query);
    if (view.rows.length === 0) continue;
    const { snapshot, created } = await createSnapshot(db, query, "nightly");
    out.push({ benchmark: def.id, id: snapshot.id, created });
  }
  return out;
}

let lastNightlyDay: string | null = null;

/**
 * The maintenance hook: runs createNightlySnapshots at most once per UTC day per process (maintenance ticks every
 * few seconds). A restart may run it again the same day, which is harmless: unchanged boards reuse their snapshot.
 * Returns null when today's run already happened.
 */
export async function maybeCreateNightlySnapshots(db: DbOrTx, now: Date = new Date()) {
  const day = now.toISOString().slice(0, 10);
  if (lastNightlyDay === day) return null;
  const made = await createNightlySnapshots(db);
  lastNightlyDay = day;
  return made;
}
