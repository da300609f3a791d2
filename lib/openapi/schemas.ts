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
const visibility = {
  enum: ["public", "private", "hidden", "withdrawn"],
  description:
    "hidden: taken off the public pages by a moderator; withdrawn (models): off the live boards by its owner or an admin, its pages still public (see withdrawn).",
};
const withdrawn = {
  ...nullable(obj({ at: dateTime, reason: str })),
  description: "Set while the model is withdrawn from the boards: when and why.",
};
const preprocessing = obj({ scale: num, mean: arr(num), std: arr(num) });
const provenance = {
  ...nullable(ref("Provenance")),
  description:
    "Null for demo rows. Snake_case, as the worker reported it plus worker, job_id and attempt; in results stored before migration 0013 any field may be absent (docs/api.md, Provenance).",
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

const modelFormat = {
  format: { enum: ["layers", "graph", "onnx"] },
  onnx_opset: { ...nullable(int), description: "ONNX models: the default-domain opset of the uploaded file." },
  onnx_producer: { ...nullable(str), description: 'ONNX models: the exporter\'s name and version ("pytorch 1.13.1").' },
  format_label: { ...str, description: 'How pages show the format: "ONNX opset 17 · pytorch 1.13.1", "TF.js layers", "TF.js graph".' },
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
      result: obj({
        id: int,
        benchmark_id: str,
        benchmark_version: int,
        benchmark_title: str,
        is_current_benchmark_version: bool,
        is_current: bool,
        is_demo: bool,
        model: obj({
          slug: str,
          display_name: str,
          family: str,
          owner_name: str,
          param_count: nullable(int),
          training_data: str,
          trained_on_human_maps: bool,
          weights_hash: nullable(str),
          preprocessing,
          input_size: int,
          ...modelFormat,
        }),
        rank: nullable(int),
        rank_best: nullable(int),
        tied_with: nullable(int),
        board_size: int,
        scores: mapOf(ref("MetricScore")),
        n_images: int,
        n_undefined: int,
        private_attempts_before: {
          ...int,
          description: "Private evaluations of the owner's models on this benchmark before this result was published.",
        },
        provenance,
        duration_ms: nullable(int),
        published_at: nullable(dateTime),
        evaluated_at: dateTime,
        visibility,
        withdrawn,
      }),
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
  SnapshotSummary: obj({
    id: { type: "string", pattern: "^[0-9a-f]{16}$" },
    sha256: { type: "string", pattern: "^[0-9a-f]{64}$" },
    benchmark_id: str,
    benchmark_version: int,
    query: str,
    row_count: int,
    data_cutoff: nullable(dateTime),
    origin: { enum: ["nightly", "user"] },
    created_at: dateTime,
    links: obj({ self: str, page: str }),
  }),
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
  DumpRecord: obj({
    evaluation_id: int,
    benchmark_id: str,
    benchmark_version: int,
    model: obj({
      slug: str,
      display_name: str,
      family: str,
      param_count: nullable(int),
      training_data: str,
      trained_on_human_maps: bool,
      owner_name: str,
      weights_hash: nullable(str),
    }),
    is_demo: bool,
    rank: nullable(int),
    rank_best: nullable(int),
    tied_with: nullable(int),
    scores: mapOf(ref("MetricScore")),
    n_images: int,
    n_undefined: int,
    provenance,
    published_at: nullable(dateTime),
    evaluated_at: dateTime,
  }),
};
