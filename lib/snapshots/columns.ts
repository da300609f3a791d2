/**
 * The published columns of a leaderboard view: the CSV header, the keys of the JSON download and of a
 * snapshot's rows. Published: append new columns at the end, never rename, re-order or remove one
 * (docs/api.md documents each; columns.test.ts pins the list).
 */
import type { LeaderboardRow } from "@/lib/leaderboard/row";
import { BOARD_METRICS, type MetricDefinition } from "@/lib/metrics/registry";

/** One board row as the query layer gives it, with its evaluation id and private-attempt disclosure. */
export type BoardExportRow = Omit<LeaderboardRow, "modelId" | "tied"> & { evaluationId: number; privateAttemptsBefore: number };

export type ColumnValue = string | number | boolean | null;

type Column = { name: string; description: string; get: (r: BoardExportRow, benchmarkId: string) => ColumnValue };

/** A board metric's value and interval columns, named by its registry id. */
function metricColumns(m: MetricDefinition): Column[] {
  const c = m.board!.column;
  const ci = (r: BoardExportRow) => r[`${c}Ci`];
  return [
    { name: m.id, description: m.board!.csvDescription, get: (r) => r[c] },
    { name: `${m.id}_ci95_lo`, description: `Lower bound of the 95% bootstrap interval of ${m.id}.`, get: (r) => ci(r)?.[0] ?? null },
    { name: `${m.id}_ci95_hi`, description: `Upper bound of the 95% bootstrap interval of ${m.id}.`, get: (r) => ci(r)?.[1] ?? null },
  ];
}

export const BOARD_COLUMNS: readonly Column[] = [
  {
    name: "rank",
    description: "Competition rank by alignment on the benchmark version (global: filters never renumber).",
    get: (r) => r.rank,
  },
  {
    name: "rank_best",
    description: "Best rank the 95% intervals admit; rank_best < rank means a statistical tie.",
    get: (r) => r.rankBest,
  },
  { name: "tied_with", description: "Number of other models whose alignment interval overlaps this one.", get: (r) => r.tiedWith },
  { name: "slug", description: "Model id (URL /models/{slug}).", get: (r) => r.slug },
  { name: "display_name", description: "Model name.", get: (r) => r.displayName },
  { name: "family", description: "Architecture family.", get: (r) => r.family },
  { name: "param_count", description: "Number of parameters; empty when unknown.", get: (r) => r.paramCount },
  { name: "training_data", description: "Training data as declared by the submitter.", get: (r) => r.trainingData },
  {
    name: "trained_on_human_maps",
    description: "Whether training used ClickMe or other human attention maps.",
    get: (r) => r.trainedOnHumanMaps,
  },
  { name: "is_demo", description: "Demo placeholder, not a measured score.", get: (r) => r.isDemo },
  ...BOARD_METRICS.flatMap(metricColumns),
  { name: "n_images", description: "Images evaluated.", get: (r) => r.nImages },
  {
    name: "n_undefined",
    description: "Images whose Spearman was undefined (constant map) and left out of the mean.",
    get: (r) => r.nUndefined,
  },
  {
    name: "private_attempts_before",
    description: "Private evaluations of the same owner's models on this benchmark that preceded this result's publication.",
    get: (r) => r.privateAttemptsBefore,
  },
  { name: "benchmark_id", description: "Benchmark id.", get: (_r, b) => b },
  { name: "benchmark_version", description: "Benchmark version the scores were computed under.", get: (r) => r.benchmarkVersion },
  { name: "evaluation_id", description: "Result id (URL /results/{evaluation_id}).", get: (r) => r.evaluationId },
  { name: "evaluated_at", description: "When the evaluation was recorded (ISO 8601, UTC).", get: (r) => r.evaluatedAt },
];

export const BOARD_COLUMN_NAMES = BOARD_COLUMNS.map((c) => c.name);

export type BoardRecord = Record<string, ColumnValue>;

export function toBoardRecord(row: BoardExportRow, benchmarkId: string): BoardRecord {
  return Object.fromEntries(BOARD_COLUMNS.map((c) => [c.name, c.get(row, benchmarkId)]));
}

/** RFC 4180: quote a field holding a comma, quote or line break; double inner quotes. Numbers as JavaScript prints them. */
function csvField(v: ColumnValue): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A field starting with = + - @ would run as a formula in a spreadsheet; text fields get a leading apostrophe. */
function safeText(v: ColumnValue): ColumnValue {
  return typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export function boardCsv(records: readonly BoardRecord[]): string {
  const lines = [BOARD_COLUMN_NAMES.join(",")];
  for (const r of records) lines.push(BOARD_COLUMN_NAMES.map((n) => csvField(safeText(r[n]))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
