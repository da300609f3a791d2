import { topTenPercentOverlap } from "@/lib/metrics/top-k-overlap";
import { defineMetric } from "./types";

export const iou = defineMetric({
  id: "iou",
  label: "IoU of top-10% pixels",
  shortLabel: "IoU",
  description: "Intersection over union of the pixels strictly above each map's 90th percentile, averaged over images.",
  higherIsBetter: true,
  range: [0, 1],
  format: { style: "fixed", decimals: 3 },
  ranked: false,
  perImage: { compute: (saliency, human) => topTenPercentOverlap(saliency, human).iou, requires: "spearman" },
  aggregate: (s) => ({ value: s.iou_mean, ci95: null }),
});
