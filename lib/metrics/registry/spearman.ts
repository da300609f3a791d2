import { spearman as spearmanRho } from "@/lib/metrics/spearman";
import { defineMetric } from "./types";

export const spearman = defineMetric({
  id: "spearman",
  label: "Mean Spearman ρ",
  shortLabel: "ρ",
  description: "Mean per-image Spearman rank correlation (average ranks for ties) over images with a defined ρ.",
  higherIsBetter: true,
  range: [-1, 1],
  format: { style: "fixed", decimals: 4 },
  ranked: false,
  perImage: { compute: spearmanRho },
  aggregate: (s) => ({ value: s.spearman_mean, ci95: null }),
});
