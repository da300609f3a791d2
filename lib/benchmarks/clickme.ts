import { HARMONIZATION_PAPER } from "./citations";
import type { BenchmarkDefinition } from "./types";

export const clickme: BenchmarkDefinition = {
  id: "clickme",
  version: 1,
  title: "ClickMe human alignment",
  summary:
    "How well a model's gradient saliency agrees with the image regions humans find important (ClickMe maps), " +
    "as the mean per-image Spearman correlation divided by the human inter-rater ceiling.",
  protocol: [
    "Data: the released ClickMe validation split (TFRecord shards val-0 … val-16, shards in numeric order, " +
      "records in file order). Images and human maps are JPEGs decoded exactly as TensorFlow's decode_jpeg does " +
      "(libjpeg-turbo, IFAST integer IDCT, fancy upsampling).",
    "Preprocessing: the image is resized 256→224 (bilinear, half-pixel centres, no antialiasing) in [0, 255], then " +
      "the model's own declared transform x' = (x·scale − mean) / std is applied. The human map is resized 256→64, " +
      "blurred with the reference 10×10, σ=10 Gaussian (off-centre, TF 'SAME' padding) and resized 64→224.",
    "Explainer: the gradient of the ground-truth class logit (no softmax) with respect to the preprocessed input; " +
      "saliency is the maximum over RGB of its absolute value. No blur or normalisation of the model map.",
    "Score: per image, the Spearman rank correlation (average ranks for ties) between the 224×224 saliency and " +
      "human maps over all 50,176 pixels. Alignment = mean ρ / 0.65753 (the human ceiling). Images with a " +
      "constant map have an undefined ρ: they are counted and reported, and left out of the mean.",
    "Also reported, not ranked: top-1 accuracy (argmax of logits = label), Dice and IoU of the top 10% pixels of " +
      "each map, and 95% bootstrap intervals over images (fixed seed, 1000 resamples).",
  ],
  dataset: {
    name: "ClickMe validation split",
    description: "ImageNet images with human importance maps from the ClickMe game (Serre lab).",
    source: "gs://serrelab/prj_harmonization/dataset/click-me/val/",
    licence: "ImageNet images: research use only; images are not shown on this site.",
    imagesShown: false,
    getData: { command: "npm run data:clickme", needsInternet: true },
  },
  numClasses: 1000,
  classSpace: "ImageNet-1k",
  accuracyLabel: "ImageNet top-1 accuracy",
  metrics: ["alignment", "spearman", "top1", "dice", "iou"],
  primaryMetric: "alignment",
  ceiling: 0.65753,
  citation: HARMONIZATION_PAPER,
  changelog: [{ version: 1, date: "2026-11-28", change: "Reference protocol of serre-lab/Harmonization v0.0.9." }],
  comparableWithPaper: true,
};
