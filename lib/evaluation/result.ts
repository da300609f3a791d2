import type { BenchmarkDefinition } from "@/lib/benchmarks";
import type { Preprocessing } from "@/lib/datasets/preprocess";
import { aggregateScores, type AggregateScores, type PerImage } from "@/lib/metrics/aggregate";
import type { CrossCheck } from "@/lib/models/ort/cross-check";
import type { BackendInfo, DatasetInfo, Provenance, RunSettings } from "@/lib/types/provenance";
import { codeVersion, hardware } from "./provenance";

export type { BackendInfo, DatasetInfo } from "@/lib/types/provenance";

export const EXPLAINER = "max_c |d logit[label] / d x'|";

export type ModelInfo = { format: Provenance["model_format"]; weightsHash: string; paramCount: number; numClasses: number };

export type EvaluationResult = {
  benchmark: { id: string; version: number; ceiling: number };
} & AggregateScores & {
    backend: BackendInfo;
    /** The one provenance schema (lib/types/provenance.ts), as the site validates, stores and publishes it. */
    provenance: Provenance;
    per_image: PerImage[];
  };

/** The published record of one evaluation: scores, uncertainty, and everything needed to reproduce them. */
export function buildEvaluationResult(input: {
  benchmark: BenchmarkDefinition;
  perImage: PerImage[];
  backend: BackendInfo;
  model: ModelInfo;
  dataset: DatasetInfo;
  preprocessing: Preprocessing;
  run: RunSettings;
  crossCheck?: CrossCheck | null;
  startedAt: Date;
  finishedAt: Date;
}): EvaluationResult {
  const { benchmark, perImage } = input;
  if (benchmark.ceiling === null) throw new Error(`Benchmark '${benchmark.id}' has no ceiling: its alignment score is undefined`);
  perImage.forEach((p, i) => {
    if (i > 0 && p.index <= perImage[i - 1].index) throw new Error(`per-image results out of split order at position ${i}`);
  });
  return {
    benchmark: { id: benchmark.id, version: benchmark.version, ceiling: benchmark.ceiling },
    ...aggregateScores(perImage, benchmark.ceiling),
    backend: input.backend,
    provenance: {
      code_version: codeVersion(),
      dataset: input.dataset,
      weights_hash: input.model.weightsHash,
      model_format: input.model.format,
      param_count: input.model.paramCount,
      preprocessing: input.preprocessing,
      explainer: EXPLAINER,
      backend: input.backend,
      hardware: hardware(),
      run: input.run,
      ...(input.crossCheck ? { cross_check: input.crossCheck } : {}),
      started_at: input.startedAt.toISOString(),
      finished_at: input.finishedAt.toISOString(),
      duration_ms: input.finishedAt.getTime() - input.startedAt.getTime(),
    },
    per_image: perImage.map(({ index, shard, label, spearman, correct, dice, iou }) => ({
      index,
      shard,
      label,
      spearman,
      correct,
      dice,
      iou,
    })),
  };
}
