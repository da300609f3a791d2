/**
 * The eight points read off the accuracy-vs-alignment figure of Fel et al. 2022 (shared data file
 * paper-reference-points.csv): an approximate, unranked reference layer, never leaderboard rows.
 */
import type { ReferencePointRow } from "./schema";

export const PAPER_SOURCE =
  "Fel et al. 2022, Harmonizing the object recognition strategies of deep neural networks with humans " +
  "(NeurIPS 35), accuracy-vs-alignment figure, https://arxiv.org/abs/2211.04533";

const READ_OFF = "read off Fel et al. 2022 accuracy-vs-alignment figure";

// model, variant, ImageNet top-1 %, ClickMe alignment %, read-off precision
const POINTS: [string, string, number, number, string][] = [
  ["VGG16", "baseline", 67.2, 23.3, "±0.5 pt"],
  ["VGG16", "harmonized", 69.3, 61.5, "±0.5 pt"],
  ["ViT-B16", "baseline", 73.3, 32.3, "±0.5 pt"],
  ["ViT-B16", "harmonized", 75.7, 72.6, "±0.5 pt"],
  ["ResNet50", "baseline", 76.0, 33.5, "±0.5 pt"],
  ["ResNet50V2", "harmonized", 77.3, 45.0, "±0.5 pt"],
  ["EfficientNetB0", "baseline", 77.6, 25.5, "±1 pt"],
  ["EfficientNetB0", "harmonized", 77.9, 44.7, "±0.5 pt"],
];

export function paperReferencePoints(): Omit<ReferencePointRow, "id">[] {
  return POINTS.map(([model, variant, top1Pct, alignmentPct, precision]) => ({
    benchmarkId: "clickme",
    model,
    variant,
    top1Pct,
    alignmentPct,
    source: PAPER_SOURCE,
    howObtained: `${READ_OFF} (approx. ${precision})`,
    approximate: true,
  }));
}
