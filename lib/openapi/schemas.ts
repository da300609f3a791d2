/**
 * Response schemas of the public API (components.schemas): the published objects generated from their zod schemas
 * (published.ts), and the envelopes around them written here from lib/api/public-*.
 */
import { BOARD_METRICS } from "@/lib/metrics/registry";
import { BOARD_COLUMNS } from "@/lib/snapshots/columns";
import { publishedJsonSchemas } from "./published";
import { arr, bool, dateTime, int, mapOf, nullable, num, obj, ref, str, type Schema } from "./schema-helpers";

const notice = { notice: str };
/** Present only on an owner's view of something private (never cached; anyone else gets a 404). */
const privateNotice = {
  private_notice: { ...str, description: "Only on an owner's view of something private: it is not public, and anyone else gets a 404." },
};
const links = (names: string[]) => obj(Object.fromEntries(names.map((n) => [n, nullable(str)])));

/** Each board metric of the registry as three CSV columns. */
const boardMetricColumns = Object.fromEntries(
  BOARD_METRICS.flatMap((m) => [m.id, `${m.id}_ci95_lo`, `${m.id}_ci95_hi`].map((name) => [name, nullable(num)])),
);

const boardColumnTypes: Record<string, Schema> = {
  rank: int,
  rank_best: int,
  tied_with: int,
  slug: str,
  display_name: str,
  family: str,
  param_count: nullable(int),
  training_data: str,
  trained_on_human_maps: bool,
  is_demo: bool,
  ...boardMetricColumns,
  n_images: int,
  n_undefined: int,
  private_attempts_before: int,
  benchmark_id: str,
  benchmark_version: int,
  evaluation_id: int,
  evaluated_at: dateTime,
};

export const SCHEMAS: Record<string, Schema> = {
  ...publishedJsonSchemas(),
  LeaderboardPoints: obj(
    {
      ...notice,
      benchmark: str,
      total: int,
      truncated: bool,
      points: obj({
        slug: arr(str),
        name: arr(str),
        families: arr(str),
        family: arr(int),
        top1: arr(num),
        alignment: arr(num),
        top1Ci: arr(nullable(num)),
        alignmentCi: arr(nullable(num)),
        flags: arr(int),
      }),
    },
    ["notice"],
  ),
  Error: obj({ error: obj({ code: str, message: str, details: { type: "object" } }, ["details"]) }),
  Leaderboard: obj(
    {
      ...notice,
      benchmark: obj({ id: str, version: int, title: str, ceiling: nullable(num), is_current_version: bool }),
      ranking: str,
      total: int,
      total_unfiltered: int,
      page: int,
      page_size: int,
      page_count: int,
      has_demo: bool,
      has_measured: bool,
      facets: obj({ families: arr(str), training_data: arr(str) }),
      links: links(["self", "next", "prev"]),
      rows: arr(ref("LeaderboardRow")),
    },
    ["notice"],
  ),
  ModelList: obj({ ...notice, total: int, page: int, page_size: int, models: arr(ref("ModelSummary")) }, ["notice"]),
  ModelDetail: obj(
    {
      ...notice,
      ...privateNotice,
      model: ref("Model"),
      links: obj(
        { edit: str, publish: str, delete: str, withdraw: str, reinstate: str },
        ["edit", "publish", "delete", "withdraw", "reinstate"],
        "Only for the model's owner (or an admin): what they may do to it now.",
      ),
      fine_tuned_from: nullable(ref("ModelLink")),
      fine_tuned_children: arr(ref("ModelLink")),
      same_weights_as: arr(ref("ModelLink")),
      rank_by_benchmark: mapOf(obj({ rank: int, rank_best: int, total: int, version: int })),
      ranking: str,
      evaluations: arr(ref("Evaluation")),
      history: arr(ref("ModelHistoryEntry")),
    },
    ["notice", "private_notice", "links"],
  ),
  Benchmark: obj({
    id: str,
    version: int,
    title: str,
    summary: str,
    protocol: arr(str),
    dataset: obj({ name: str, description: str, source: str, licence: str }),
    metrics: arr(str),
    primary_metric: str,
    ceiling: {
      ...nullable(num),
      description: "Human inter-rater ceiling the mean ρ is divided by; null where there is none (the score is then the raw mean ρ).",
    },
    score_label: {
      ...str,
      description: 'How the ranked score reads: "alignment = mean ρ / 0.65753", "no ceiling: raw mean ρ", or "psychophysics score".',
    },
    citation: obj({ text: str, bibtex: str, url: str }),
    changelog: arr(obj({ version: int, date: str, change: str })),
    comparable_with_paper: bool,
    versions: arr(obj({ version: int, is_current: bool, measured: int, demo: int })),
    leaderboard: str,
  }),
  BenchmarkList: obj({ benchmarks: arr(ref("Benchmark")) }),
  BenchmarkDetail: obj({ benchmark: ref("Benchmark") }),
  ReferencePoints: obj({
    benchmark: str,
    note: str,
    points: arr(obj({ model: str, variant: str, top1_pct: num, alignment_pct: num, approximate: bool, source: str, how_obtained: str })),
  }),
  Citation: obj({ key: str, bibtex: str, csl: arr({ type: "object", required: ["id", "type", "title"] }), text: str }),
  Result: obj(
    {
      ...privateNotice,
      result: ref("ResultRecord"),
      reproduce: obj({ command: str, backend: str, steps: arr(str) }),
      citation: ref("Citation"),
      links: obj({ self: str, page: str, model: str, images_csv: str, images_json: str, publish: str }, ["publish"]),
    },
    ["private_notice"],
  ),
  ResultImages: obj(
    {
      ...privateNotice,
      result_id: int,
      benchmark: obj({ id: str, version: int }),
      model: str,
      columns: arr(str),
      images: arr(
        obj({
          index: int,
          shard: str,
          label: int,
          spearman: { ...nullable(num), description: "null: a constant map (undefined ρ)" },
          correct: bool,
          dice: nullable(num),
          iou: nullable(num),
        }),
      ),
    },
    ["private_notice"],
  ),
  SnapshotList: obj({ total: int, page: int, page_size: int, snapshots: arr(ref("SnapshotSummary")) }),
  BoardRecord: obj(boardColumnTypes, [], `One row of a view. Columns: ${BOARD_COLUMNS.map((c) => c.name).join(", ")}.`),
  Snapshot: obj({
    snapshot: ref("SnapshotSummary"),
    content: obj({
      format: str,
      benchmark: obj({ id: str, version: int, title: str, ceiling: nullable(num), citation: str }),
      query: str,
      dataCutoff: nullable(dateTime),
      showsDemo: bool,
      totalUnfiltered: int,
      columns: arr(str),
      rows: arr(ref("BoardRecord")),
      scatter: arr({ type: "object", required: ["slug", "top1", "alignment"] }),
      reference: arr({ type: "object", required: ["model", "variant", "top1Pct", "alignmentPct"] }),
    }),
    citation: ref("Citation"),
  }),
  CreatedSnapshot: obj({ created: bool, snapshot: ref("SnapshotSummary") }),
  BoardDownload: obj({
    benchmark: obj({ id: str, version: int, title: str }),
    shows_demo: bool,
    total_unfiltered: int,
    columns: arr(str),
    rows: arr(ref("BoardRecord")),
  }),
};
