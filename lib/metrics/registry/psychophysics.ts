import { MAX_SCORE } from "@/lib/metrics/psychophysics";
import { defineMetric } from "./types";

export const psychophysics = defineMetric({
  id: "psychophysics",
  label: "Psychophysics alignment (−log MSE)",
  shortLabel: "How",
  description:
    "−ln of the mean squared error between the model's and the humans' min-max normalised accuracy-by-revealed-fraction " +
    "curves over the ten partial levels (1 % … 63 % of the most important pixels shown); higher is closer to humans.",
  higherIsBetter: true,
  // MSE of two curves in [0, 1] is at most 1 (score ≥ 0) and is floored at 1e-6 (score ≤ 6 ln 10).
  range: [0, MAX_SCORE],
  format: { style: "fixed", decimals: 3 },
  // The board's ranked human-alignment column: on a "how" board it holds this score (lib/queries/job-results.ts).
  board: {
    column: "alignment",
    csvDescription: "On psychophysics boards: −ln(MSE) between min-max normalised model and human accuracy curves.",
  },
  ranked: true,
  aggregate: (s) => ({ value: s.psychophysics?.score ?? null, ci95: s.psychophysics?.ci95 ?? null }),
});
