import { defineMetric } from "./types";

export const alignment = defineMetric({
  id: "alignment",
  label: "Human alignment",
  shortLabel: "Alignment",
  description:
    "Mean per-image Spearman ρ between saliency and human maps, divided by the human ceiling (0.65753, ClickMe's inter-rater agreement).",
  higherIsBetter: true,
  range: [-1 / 0.65753, 1 / 0.65753],
  format: { style: "percent", decimals: 1 },
  board: {
    column: "alignment",
    csvDescription: "Mean Spearman between model and human maps divided by the human ceiling (1 = human ceiling).",
  },
  ranked: true,
  // ρ / ceiling per image, averaged: computed from the per-image ρ by the aggregate, not per image.
  aggregate: (s) => ({ value: s.alignment_score, ci95: s.ci95.alignment_score }),
});
