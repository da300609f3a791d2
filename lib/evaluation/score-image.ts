import { AppError } from "@/lib/errors";
import { spearman } from "@/lib/metrics/spearman";
import { topFractionDiceIou } from "@/lib/metrics/top-k-overlap";
import type { PerImage } from "@/lib/metrics/aggregate";

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
 * Per-image scores of one saliency map against its human map. Where ρ is undefined (either map constant)
 * the top-10% overlap is undefined too: a constant map has no top set.
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
  const rho = spearman(saliency, human);
  const overlap = rho === null ? null : topFractionDiceIou(saliency, human);
  return {
    index: meta.index,
    shard: meta.shard,
    label: meta.label,
    spearman: rho,
    correct,
    dice: overlap ? overlap.dice : null,
    iou: overlap ? overlap.iou : null,
  };
}
