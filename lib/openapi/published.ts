/**
 * The published objects (issue #11 item 5) as zod schemas: the serializers (lib/api/serialize.ts) are typed by them,
 * so a field added to one without the other does not compile, and the OpenAPI document's component schemas are
 * generated from them (schemas.ts), so the document cannot drift from what the API sends.
 */
import { z } from "zod";
import { BOARD_METRICS } from "@/lib/metrics/registry";
import { StoredProvenanceSchema } from "@/lib/types/provenance";

/** Schemas registered here become components.schemas entries, referenced by id wherever they are nested. */
export const PUBLISHED = z.registry<{ id: string; description?: string }>();

const dateTime = z.iso.datetime();
const interval = z.tuple([z.number(), z.number()]).nullable().describe("95% bootstrap interval [lo, hi].");

export const MetricScoreJson = z.strictObject({ value: z.number(), ci95: interval });
PUBLISHED.add(MetricScoreJson, { id: "MetricScore" });

export const ProvenanceJson = StoredProvenanceSchema;
PUBLISHED.add(ProvenanceJson, {
  id: "Provenance",
  description:
    "Snake_case, as the worker reported it plus worker, job_id and attempt; in results stored before migration 0013 any field may be absent (docs/api.md, Provenance).",
});

const modelSummaryShape = {
  slug: z.string(),
  display_name: z.string(),
  family: z.string(),
  param_count: z.int().nullable(),
  training_data: z.string(),
  trained_on_human_maps: z.boolean(),
  is_demo: z.boolean(),
  owner_name: z.string(),
  created_at: dateTime,
};

export const ModelSummaryJson = z.strictObject(modelSummaryShape);
PUBLISHED.add(ModelSummaryJson, { id: "ModelSummary" });

export const VisibilityJson = z
  .enum(["public", "private", "hidden", "withdrawn"])
  .describe(
    "hidden: taken off the public pages by a moderator; withdrawn (models): off the live boards by its owner or an admin, its pages still public (see withdrawn).",
  );

export const ModelJson = z.strictObject({
  ...modelSummaryShape,
  description: z.string(),
  paper_url: z.string().nullable(),
  code_url: z.string().nullable(),
  weights_url: z.string().nullable(),
  licence: z.string().nullable(),
  preprocessing: z.strictObject({ scale: z.number(), mean: z.array(z.number()), std: z.array(z.number()) }),
  input_size: z.int(),
  format: z.enum(["layers", "graph", "onnx"]),
  onnx_opset: z.int().nullable().describe("ONNX models: the default-domain opset of the uploaded file."),
  onnx_producer: z.string().nullable().describe('ONNX models: the exporter\'s name and version ("pytorch 1.13.1").'),
  format_label: z.string().describe('How pages show the format: "ONNX opset 17 · pytorch 1.13.1", "TF.js layers", "TF.js graph".'),
  weights_hash: z.string().nullable(),
  withdrawn: z
    .strictObject({ at: dateTime, reason: z.string() })
    .nullable()
    .describe("Set while the model is withdrawn from the boards: when and why."),
  updated_at: dateTime,
  visibility: VisibilityJson,
});
PUBLISHED.add(ModelJson, {
  id: "Model",
  description: "A model's metadata: owner account ids, artifact paths and moderation notes stay private.",
});

export const ModelEvaluationJson = z.strictObject({
  id: z.int().describe("The result's id: its page is /results/{id}."),
  visibility: z.enum(["public", "private"]).describe("private: shown only to the model's owner (GET with their session or token)."),
  benchmark_id: z.string(),
  benchmark_version: z.int(),
  benchmark_title: z.string(),
  is_current_benchmark_version: z.boolean(),
  is_current: z.boolean(),
  is_demo: z.boolean(),
  rank: z.int().nullable(),
  rank_best: z.int().nullable(),
  tied_with: z.int().nullable(),
  scores: z.record(z.string(), MetricScoreJson),
  n_images: z.int(),
  n_undefined: z.int(),
  provenance: ProvenanceJson.nullable().describe("Null for demo rows."),
  duration_ms: z.int().nullable(),
  published_at: dateTime.nullable(),
  evaluated_at: dateTime,
});
PUBLISHED.add(ModelEvaluationJson, { id: "Evaluation", description: "One evaluation of a model on one benchmark version." });

const boardMetricShape = Object.fromEntries(
  BOARD_METRICS.flatMap((m) => [
    [m.id, z.number().nullable()],
    [`${m.id}_ci95`, interval],
  ]),
) as Record<string, z.ZodNullable<z.ZodNumber> | typeof interval>;

export const LeaderboardRowJson = z.strictObject({
  rank: z.int(),
  rank_best: z.int(),
  tied: z.boolean(),
  tied_with: z.int(),
  slug: z.string(),
  display_name: z.string(),
  family: z.string(),
  param_count: z.int().nullable(),
  training_data: z.string(),
  trained_on_human_maps: z.boolean(),
  is_demo: z.boolean(),
  ...boardMetricShape,
  n_images: z.int(),
  n_undefined: z.int(),
  evaluated_at: dateTime,
  benchmark_version: z.int(),
  evaluation_id: z.int().describe("The result's id: its page is /results/{id}."),
});
PUBLISHED.add(LeaderboardRowJson, { id: "LeaderboardRow" });

export const ModelHistoryEntryJson = z.strictObject({
  action: z.enum(["edit", "withdraw", "reinstate"]),
  at: dateTime,
  by: z.string().describe('The owner\'s name at the time, or "an admin".'),
  changes: z.array(z.strictObject({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
  reason: z.string().nullable(),
});
PUBLISHED.add(ModelHistoryEntryJson, {
  id: "ModelHistoryEntry",
  description: "A dated edit of display metadata (field: from → to), withdrawal (with its reason) or reinstatement; newest first.",
});

export const ModelLinkJson = z.strictObject({ slug: z.string(), display_name: z.string(), is_demo: z.boolean() });
PUBLISHED.add(ModelLinkJson, { id: "ModelLink" });

export const SnapshotSummaryJson = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  benchmark_id: z.string(),
  benchmark_version: z.int(),
  query: z.string(),
  row_count: z.int(),
  data_cutoff: dateTime.nullable(),
  origin: z.enum(["nightly", "user"]),
  created_at: dateTime,
  links: z.strictObject({ self: z.string(), page: z.string() }),
});
PUBLISHED.add(SnapshotSummaryJson, { id: "SnapshotSummary", description: "A frozen view: its id, content hash and what it froze." });

const evaluatedModelShape = {
  slug: z.string(),
  display_name: z.string(),
  family: z.string(),
  owner_name: z.string(),
  param_count: z.int().nullable(),
  training_data: z.string(),
  trained_on_human_maps: z.boolean(),
  weights_hash: z.string().nullable(),
};

export const ResultRecordJson = z.strictObject({
  id: z.int(),
  benchmark_id: z.string(),
  benchmark_version: z.int(),
  benchmark_title: z.string(),
  is_current_benchmark_version: z.boolean(),
  is_current: z.boolean(),
  is_demo: z.boolean(),
  model: z.strictObject({
    ...evaluatedModelShape,
    preprocessing: ModelJson.shape.preprocessing,
    input_size: z.int(),
    format: ModelJson.shape.format,
    onnx_opset: ModelJson.shape.onnx_opset,
    onnx_producer: ModelJson.shape.onnx_producer,
    format_label: ModelJson.shape.format_label,
  }),
  rank: z.int().nullable(),
  rank_best: z.int().nullable(),
  tied_with: z.int().nullable(),
  board_size: z.int(),
  scores: z.record(z.string(), MetricScoreJson),
  n_images: z.int(),
  n_undefined: z.int(),
  private_attempts_before: z
    .int()
    .describe("Private evaluations of the owner's models on this benchmark before this result was published."),
  visibility: VisibilityJson,
  withdrawn: ModelJson.shape.withdrawn,
  provenance: ProvenanceJson.nullable().describe("Null for demo rows."),
  duration_ms: z.int().nullable(),
  published_at: dateTime.nullable(),
  evaluated_at: dateTime,
});
PUBLISHED.add(ResultRecordJson, {
  id: "ResultRecord",
  description: "One result: scores with intervals, rank and ties, provenance, private-attempt disclosure.",
});

export const DumpRecordJson = z.strictObject({
  evaluation_id: z.int(),
  benchmark_id: z.string(),
  benchmark_version: z.int(),
  model: z.strictObject(evaluatedModelShape),
  is_demo: z.boolean(),
  rank: z.int().nullable(),
  rank_best: z.int().nullable(),
  tied_with: z.int().nullable(),
  scores: z.record(z.string(), MetricScoreJson),
  n_images: z.int(),
  n_undefined: z.int(),
  provenance: ProvenanceJson.nullable(),
  published_at: dateTime.nullable(),
  evaluated_at: dateTime,
});
PUBLISHED.add(DumpRecordJson, { id: "DumpRecord", description: "One line of /downloads/all.jsonl: a current public evaluation." });

export type SnapshotSummaryJson = z.infer<typeof SnapshotSummaryJson>;
export type ResultRecordJson = z.infer<typeof ResultRecordJson>;
export type DumpRecordJson = z.infer<typeof DumpRecordJson>;

export type MetricScoreJson = z.infer<typeof MetricScoreJson>;
export type ModelSummaryJson = z.infer<typeof ModelSummaryJson>;
export type ModelJson = z.infer<typeof ModelJson>;
export type ModelEvaluationJson = z.infer<typeof ModelEvaluationJson>;
export type LeaderboardRowJson = z.infer<typeof LeaderboardRowJson>;
export type ModelHistoryEntryJson = z.infer<typeof ModelHistoryEntryJson>;
export type ModelLinkJson = z.infer<typeof ModelLinkJson>;

/** components.schemas for every registered object, with $refs between them. */
export function publishedJsonSchemas(): Record<string, Record<string, unknown>> {
  const { schemas } = z.toJSONSchema(PUBLISHED, { target: "draft-2020-12", uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, s]) => {
      const { $schema: _dialect, $id: _id, ...rest } = s as Record<string, unknown>;
      return [id, rest];
    }),
  );
}
