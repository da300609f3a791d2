/**
 * What a snapshot freezes, and how its id is derived. The content holds no clock time: two requests for the same
 * view of the same data give the same bytes, hence the same id, on any database and on any day.
 */
import type { ReferencePointInput } from "@/lib/charts/arrows";
import type { ScatterPointInput } from "@/lib/charts/scatter-model";
import { BOARD_COLUMN_NAMES, toBoardRecord, type BoardExportRow, type BoardRecord } from "./columns";
import { contentAddress, sha256Hex } from "./canonical";

export const SNAPSHOT_FORMAT = "harmonization-leaderboard/snapshot@1";

export type SnapshotScatterPoint = ScatterPointInput & { top1: number; alignment: number; parentSlug: string | null };

export type SnapshotContent = {
  format: typeof SNAPSHOT_FORMAT;
  benchmark: { id: string; version: number; title: string; ceiling: number | null; citation: string };
  /** The view's URL query: version and include_demo resolved, page and page size left out. */
  query: string;
  /** Latest evaluated_at among the rows (ISO 8601), null for an empty view. */
  dataCutoff: string | null;
  showsDemo: boolean;
  /** Rows on the board version before the view's filters. */
  totalUnfiltered: number;
  columns: string[];
  rows: BoardRecord[];
  scatter: SnapshotScatterPoint[];
  reference: ReferencePointInput[];
};

export type SnapshotInputs = {
  benchmark: SnapshotContent["benchmark"];
  query: string;
  showsDemo: boolean;
  totalUnfiltered: number;
  rows: BoardExportRow[];
  scatter: SnapshotScatterPoint[];
  reference: ReferencePointInput[];
};

export function buildSnapshotContent(input: SnapshotInputs): SnapshotContent {
  const cutoff = input.rows.reduce<string | null>((max, r) => (max === null || r.evaluatedAt > max ? r.evaluatedAt : max), null);
  return {
    format: SNAPSHOT_FORMAT,
    benchmark: input.benchmark,
    query: input.query,
    dataCutoff: cutoff,
    showsDemo: input.showsDemo,
    totalUnfiltered: input.totalUnfiltered,
    columns: [...BOARD_COLUMN_NAMES],
    rows: input.rows.map((r) => toBoardRecord(r, input.benchmark.id)),
    // Scatter points keep the query layer's key names; null members stay (canonical JSON keeps null, drops undefined).
    scatter: input.scatter.map((p) => ({ ...p })),
    reference: input.reference.map((p) => ({ ...p })),
  };
}

export function sealSnapshot(content: SnapshotContent): { json: string; hash: string; id: string } {
  return contentAddress(content);
}

/** Parses stored content after checking it still hashes to its id: a frozen view that changed is an error. */
export function openSnapshotContent(json: string, hash: string): SnapshotContent {
  const actual = sha256Hex(json);
  if (actual !== hash) throw new Error(`Snapshot content does not match its hash (stored ${hash}, computed ${actual}).`);
  const parsed = JSON.parse(json) as SnapshotContent;
  if (parsed.format !== SNAPSHOT_FORMAT) throw new Error(`Unknown snapshot format '${String(parsed.format)}'.`);
  return parsed;
}

/** A frozen row as the leaderboard table renders it (the table's BoardRow shape). */
export function recordToBoardRow(r: BoardRecord) {
  const ci = (lo: unknown, hi: unknown): [number, number] | null => (typeof lo === "number" && typeof hi === "number" ? [lo, hi] : null);
  return {
    rank: r.rank as number,
    rankBest: r.rank_best as number,
    tied: (r.tied_with as number) > 0,
    tiedWith: r.tied_with as number,
    slug: r.slug as string,
    displayName: r.display_name as string,
    family: r.family as string,
    paramCount: r.param_count as number | null,
    trainingData: r.training_data as string,
    trainedOnHumanMaps: r.trained_on_human_maps as boolean,
    isDemo: r.is_demo as boolean,
    top1: r.top1 as number | null,
    top1Ci: ci(r.top1_ci95_lo, r.top1_ci95_hi),
    alignment: r.alignment as number | null,
    alignmentCi: ci(r.alignment_ci95_lo, r.alignment_ci95_hi),
    evaluatedAt: r.evaluated_at as string,
    benchmarkVersion: r.benchmark_version as number,
  };
}
