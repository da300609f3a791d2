import { AppError } from "@/lib/errors";
import type { PerImage } from "@/lib/metrics/aggregate";
import { METRIC_LIST, type MetricDefinition } from "@/lib/metrics/registry";

type MapMetricId = "spearman" | "dice" | "iou";
type MapMetric = MetricDefinition<MapMetricId> & { perImage: NonNullable<MetricDefinition["perImage"]> };

/** The registry's per-image map metrics, in registry order (a metric precedes those that require it). */
const MAP_METRICS = METRIC_LIST.filter((m): m is MapMetric => m.perImage !== undefined);

/** Index of the largest logit; the first one on ties (numpy argmax). */
export function argmax(values: Float32Array, offset: number, length: number): number {
  let best = 0;
  let bestValue = values[offset];
  for (let k = 1; k < length; k++) {
    if (values[offset + k] > bestValue) {
      bestValue = values[offset + k];
      best = k;
    }
  }
  return best;
}

/**
 * Per-image scores of one saliency map against its human map, each by its registry metric's compute. Where ρ is
 * undefined (either map constant) the top-10% overlap is undefined too (`requires`): a constant map has no top set.
 */
export function scoreImage(
  meta: { index: number; shard: string; label: number },
  saliency: Float32Array,
  human: Float32Array,
  correct: boolean,
): PerImage {
  for (let i = 0; i < saliency.length; i++) {
    if (!Number.isFinite(saliency[i])) {
      throw new AppError("invalid_model", `The model produced a non-finite saliency value for image ${meta.index} (pixel ${i})`);
    }
  }
  const values: Record<MapMetricId, number | null> = { spearman: null, dice: null, iou: null };
  for (const m of MAP_METRICS) {
    const required = m.perImage.requires;
    values[m.id] = required !== undefined && values[required as MapMetricId] === null ? null : m.perImage.compute(saliency, human);
  }
  return {
    index: meta.index,
    shard: meta.shard,
    label: meta.label,
    spearman: values.spearman,
    correct,
    dice: values.dice,
    iou: values.iou,
  };
}
