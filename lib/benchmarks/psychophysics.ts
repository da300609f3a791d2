import { HARMONIZATION_PAPER } from "./citations";
import type { BenchmarkDefinition } from "./types";

export const psychophysics: BenchmarkDefinition = {
  id: "psychophysics",
  version: 1,
  title: "Psychophysics (rapid categorisation)",
  summary:
    "Animal-or-vehicle decisions on greyscale images of which only the 1 % … 100 % most important pixels (by human " +
    "Clicktionary maps) are shown. A model is scored by how closely its accuracy-by-revealed-fraction curve follows " +
    "the humans' curve: −ln of the mean squared error between the two min-max normalised curves.",
  protocol: [
    "Data: the Serre lab's psychophysics release (gs://serrelab/prj_harmonization/dataset/psychophysics/clicktionary/, " +
      "listed rather than assumed): two folders of greyscale PNG stimuli named <level>_<class words><sample>.png, " +
      "levels 0, 10, …, 90, full = 10^(k/5) % of the image revealed, and the human trials in data_for_zahra.npz.",
    "Model: each stimulus is centre-cropped to 224×224 without resizing, grey copied to RGB in [0, 255], then the " +
      "model's own transform is applied; forward pass only. Decision: animal iff argmax(logits) < 398 (ImageNet " +
      "animals are 0–397); truth: the file's class words resolved through every ImageNet synonym (e.g. great_white_shark " +
      "→ 2). Model curve: accuracy per level.",
    "Human curve: mean `correct` per Revelation level, the full image (Revelation 200) dropped, min-max normalised.",
    "Score: over the ten partial levels, −ln(MSE) between the min-max normalised model curve (a flat curve counts as " +
      "zeros) and the human curve; MSE is floored at 1e-6. 95% bootstrap interval over stimuli, stratified by level " +
      "(seed 20221128, 1000 resamples).",
    "Deviation from the authors' pre-release code, which scores the x-axis (the revealed percentages) against the " +
      "human curve and so ignores the model: this benchmark compares the model's curve, as the paper describes.",
  ],
  dataset: {
    name: "Clicktionary psychophysics (rapid categorisation)",
    description:
      "Greyscale animal and vehicle photographs (10 ImageNet classes in exp_1) revealed by human Clicktionary importance maps, with the human categorisation trials.",
    source: "gs://serrelab/prj_harmonization/dataset/psychophysics/clicktionary/",
    licence:
      "Released by the Serre lab with the Harmonization paper for research; stimuli derive from ImageNet images (research use only) and are not shown on this site.",
    imagesShown: false,
    getData: { command: "npm run data:psychophysics", needsInternet: true },
  },
  numClasses: 1000,
  classSpace: "ImageNet-1k (decision: animal 0–397 vs non-animal 398–999)",
  accuracyLabel: "ImageNet top-1 accuracy",
  metrics: ["psychophysics"],
  primaryMetric: "psychophysics",
  ceiling: null,
  citation: HARMONIZATION_PAPER,
  changelog: [
    {
      version: 1,
      date: "2026-12-02",
      change: "The intended score of the authors' pre-release code (model curve against human curve); docs/protocol.md §9.",
    },
  ],
  comparableWithPaper: true,
  psychophysics: {
    decisionBoundary: 398,
    groups: ["animal", "non-animal"],
    classNames: "imagenet-synsets",
    humanCurve: {
      source:
        "Computed at evaluation from data_for_zahra.npz (mean `correct` per Revelation level over all trials; Serre lab, Fel et al. 2022).",
      scripted: null,
    },
  },
};
