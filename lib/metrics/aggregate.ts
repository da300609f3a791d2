import { bootstrapMeanCi } from "./bootstrap";

export type PerImage = {
  index: number;
  shard: string;
  label: number;
  spearman: number | null;
  correct: boolean;
  dice: number | null;
  iou: number | null;
};

export type AggregateScores = {
  n_images: number;
  /** Images whose ρ is undefined (a constant map); counted here and left out of every ρ-based number. */
  n_undefined: number;
  spearman_mean: number | null;
  /** spearman_mean / ceiling; null when no image has a defined ρ (see `alignment_undefined_reason`). */
  alignment_score: number | null;
  alignment_undefined_reason: string | null;
  top1_accuracy: number | null;
  dice_mean: number | null;
  iou_mean: number | null;
  ci95: { alignment_score: [number, number] | null; top1_accuracy: [number, number] | null };
};

/** Scores of a split from its per-image results. Never yields NaN: empty means are null. */
export function aggregateScores(perImage: PerImage[], ceiling: number): AggregateScores {
  if (!(ceiling > 0 && ceiling <= 1)) throw new RangeError(`aggregateScores: ceiling must be in (0, 1], got ${ceiling}`);
  const rhos = defined(perImage.map((p) => p.spearman));
  const correct = Float64Array.from(perImage, (p) => (p.correct ? 1 : 0));
  const dice = defined(perImage.map((p) => p.dice));
  const iou = defined(perImage.map((p) => p.iou));
  const spearmanMean = mean(rhos);
  const alignment = rhos.length > 0 ? Float64Array.from(rhos, (r) => r / ceiling) : null;
  return {
    n_images: perImage.length,
    n_undefined: perImage.length - rhos.length,
    spearman_mean: spearmanMean,
    alignment_score: spearmanMean === null ? null : spearmanMean / ceiling,
    alignment_undefined_reason:
      perImage.length === 0
        ? "no images were evaluated"
        : rhos.length === 0
          ? `all ${perImage.length} images have an undefined Spearman ρ (a constant saliency or human map)`
          : null,
    top1_accuracy: mean(correct),
    dice_mean: mean(dice),
    iou_mean: mean(iou),
    ci95: {
      alignment_score: alignment ? bootstrapMeanCi(alignment) : null,
      top1_accuracy: correct.length > 0 ? bootstrapMeanCi(correct) : null,
    },
  };
}

function defined(values: (number | null)[]): Float64Array {
  const out: number[] = [];
  for (const v of values) {
    if (v === null) continue;
    if (!Number.isFinite(v)) throw new RangeError(`aggregateScores: non-finite per-image value ${v}; use null for undefined`);
    out.push(v);
  }
  return Float64Array.from(out);
}

function mean(values: Float64Array): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}
