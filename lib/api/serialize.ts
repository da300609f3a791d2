/** The published JSON shapes (snake_case): rename here, never in queries, so the API stays stable. */
import type { ModelHistoryRow, ModelRow } from "@/db/schema";
import type { LeaderboardRowJson, ModelEvaluationJson, ModelHistoryEntryJson, ModelJson, ModelSummaryJson } from "@/lib/openapi/published";
import { BOARD_METRICS } from "@/lib/metrics/registry";
import type { LeaderboardRow } from "@/lib/queries/leaderboard";
import type { ModelEvaluation, ModelListItem } from "@/lib/queries/models";
import { formatLabel } from "@/lib/submissions/format-label";

/** `top1`, `top1_ci95`, `alignment`, `alignment_ci95`: each board metric of the registry, value and interval. */
export function boardMetricFields(r: Pick<LeaderboardRow, "top1" | "top1Ci" | "alignment" | "alignmentCi">) {
  const fields: Record<string, number | [number, number] | null> = {};
  for (const m of BOARD_METRICS) {
    const c = m.board!.column;
    fields[m.id] = r[c];
    fields[`${m.id}_ci95`] = r[`${c}Ci`];
  }
  return fields;
}

export function leaderboardRowJson(r: LeaderboardRow): LeaderboardRowJson {
  return {
    rank: r.rank,
    rank_best: r.rankBest,
    tied: r.tied,
    tied_with: r.tiedWith,
    slug: r.slug,
    display_name: r.displayName,
    family: r.family,
    param_count: r.paramCount,
    training_data: r.trainingData,
    trained_on_human_maps: r.trainedOnHumanMaps,
    is_demo: r.isDemo,
    ...boardMetricFields(r),
    n_images: r.nImages,
    n_undefined: r.nUndefined,
    evaluated_at: r.evaluatedAt,
    benchmark_version: r.benchmarkVersion,
    evaluation_id: r.evaluationId,
  };
}

export function modelSummaryJson(m: ModelListItem): ModelSummaryJson {
  return {
    slug: m.slug,
    display_name: m.displayName,
    family: m.family,
    param_count: m.paramCount,
    training_data: m.trainingData,
    trained_on_human_maps: m.trainedOnHumanMaps,
    is_demo: m.isDemo,
    owner_name: m.ownerName,
    created_at: m.createdAt.toISOString(),
  };
}

/** Public model metadata: owner account ids, artifact paths and moderation notes stay private. */
export function modelJson(m: ModelRow): ModelJson {
  return {
    ...modelSummaryJson(m),
    description: m.description,
    paper_url: m.paperUrl,
    code_url: m.codeUrl,
    weights_url: m.weightsUrl,
    licence: m.licence,
    preprocessing: m.preprocessing,
    input_size: m.inputSize,
    format: m.format,
    onnx_opset: m.onnxOpset,
    onnx_producer: m.onnxProducer,
    format_label: formatLabel(m),
    weights_hash: m.weightsHash,
    withdrawn: m.withdrawnAt ? { at: m.withdrawnAt.toISOString(), reason: m.withdrawnReason ?? "" } : null,
    updated_at: m.updatedAt.toISOString(),
    visibility: m.visibility,
  };
}

export function evaluationJson(e: ModelEvaluation): ModelEvaluationJson {
  return {
    id: e.id,
    visibility: e.visibility === "private" ? "private" : "public",
    benchmark_id: e.benchmarkId,
    benchmark_version: e.benchmarkVersion,
    benchmark_title: e.benchmarkTitle,
    is_current_benchmark_version: e.isCurrentBenchmarkVersion,
    is_current: e.isCurrent,
    is_demo: e.isDemo,
    rank: e.rank,
    rank_best: e.rankBest,
    tied_with: e.tiedWith,
    scores: e.scores,
    n_images: e.nImages,
    n_undefined: e.nUndefined,
    provenance: e.provenance,
    duration_ms: e.durationMs,
    published_at: e.publishedAt?.toISOString() ?? null,
    evaluated_at: e.createdAt.toISOString(),
  };
}

/** A model's dated history as the API shows it (an admin who is not the owner is not named). */
export function historyJson(rows: ModelHistoryRow[]): ModelHistoryEntryJson[] {
  return rows.map((h) => ({
    action: h.action,
    at: h.createdAt.toISOString(),
    by: h.actorRole === "owner" ? (h.actorName ?? "the owner") : "an admin",
    changes: h.changes,
    reason: h.reason,
  }));
}
