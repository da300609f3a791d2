/**
 * How each metric is shown: direction, range and format come from here, never from pages.
 * The numeric implementations live beside this file (spearman.ts, top-k-overlap.ts, aggregate.ts).
 */
import { spearman } from "./spearman";
import { topFractionDiceIou } from "./top-k-overlap";

export type MetricId = "alignment" | "spearman" | "top1" | "dice" | "iou";

export type MetricDefinition = {
  id: MetricId;
  label: string;
  shortLabel: string;
  description: string;
  higherIsBetter: boolean;
  range: [number, number];
  /** Formats a value stored on its natural scale (fractions, not percentages). */
  format: (value: number) => string;
  ranked: boolean;
  /**
   * The per-image computation on a 224×224 saliency map and human map, where the metric is one; alignment and
   * top-1 are aggregates over images (see aggregate.ts and lib/evaluation).
   */
  compute?: (saliency: Float32Array, human: Float32Array) => number | null;
};

const pct = (digits: number) => (v: number) => `${(v * 100).toFixed(digits)}%`;

export const METRICS: Record<MetricId, MetricDefinition> = {
  alignment: {
    id: "alignment",
    label: "Human alignment",
    shortLabel: "Alignment",
    description: "Mean per-image Spearman ρ between saliency and human maps, divided by the human ceiling (0.65753, ClickMe's inter-rater agreement).",
    higherIsBetter: true,
    range: [-1 / 0.65753, 1 / 0.65753],
    format: pct(1),
    ranked: true,
  },
  spearman: {
    id: "spearman",
    label: "Mean Spearman ρ",
    shortLabel: "ρ",
    description: "Mean per-image Spearman rank correlation (average ranks for ties) over images with a defined ρ.",
    higherIsBetter: true,
    range: [-1, 1],
    format: (v) => v.toFixed(4),
    ranked: false,
    compute: spearman,
  },
  top1: {
    id: "top1",
    label: "Top-1 accuracy",
    shortLabel: "Top-1",
    description: "Fraction of images whose argmax logit equals the ground-truth label.",
    higherIsBetter: true,
    range: [0, 1],
    format: pct(1),
    ranked: false,
  },
  dice: {
    id: "dice",
    label: "Dice of top-10% pixels",
    shortLabel: "Dice",
    description: "Dice coefficient of the pixels strictly above each map's 90th percentile, averaged over images.",
    higherIsBetter: true,
    range: [0, 1],
    format: (v) => v.toFixed(3),
    ranked: false,
    compute: (a, b) => topFractionDiceIou(a, b).dice,
  },
  iou: {
    id: "iou",
    label: "IoU of top-10% pixels",
    shortLabel: "IoU",
    description: "Intersection over union of the pixels strictly above each map's 90th percentile, averaged over images.",
    higherIsBetter: true,
    range: [0, 1],
    format: (v) => v.toFixed(3),
    ranked: false,
    compute: (a, b) => topFractionDiceIou(a, b).iou,
  },
};

export function getMetric(id: string): MetricDefinition {
  const m = (METRICS as Record<string, MetricDefinition>)[id];
  if (!m) throw new Error(`Unknown metric '${id}'. Available: ${Object.keys(METRICS).join(", ")}`);
  return m;
}
