import { topTenPercentOverlap } from "@/lib/metrics/top-k-overlap";
import { defineMetric } from "./types";

export const dice = defineMetric({
  id: "dice",
  label: "Dice of top-10% pixels",
  shortLabel: "Dice",
  description: "Dice coefficient of the pixels strictly above each map's 90th percentile, averaged over images.",
  higherIsBetter: true,
  range: [0, 1],
  format: { style: "fixed", decimals: 3 },
  ranked: false,
  perImage: { compute: (saliency, human) => topTenPercentOverlap(saliency, human).dice, requires: "spearman" },
  aggregate: (s) => ({ value: s.dice_mean, ci95: null }),
});
