import { defineMetric } from "./types";

export const top1 = defineMetric({
  id: "top1",
  label: "Top-1 accuracy",
  shortLabel: "Top-1",
  description: "Fraction of images whose argmax logit equals the ground-truth label.",
  higherIsBetter: true,
  range: [0, 1],
  format: { style: "percent", decimals: 1 },
  board: { column: "top1", csvDescription: "Top-1 accuracy, a fraction in [0, 1]." },
  ranked: false,
  // Per image it is `correct` (argmax of the logits, lib/evaluation/score-image.ts): logits, not maps.
  aggregate: (s) => ({ value: s.top1_accuracy, ci95: s.ci95.top1_accuracy }),
});
