import type { MetricId } from "@/lib/metrics/registry";

export type BenchmarkDefinition = {
  /** Published id: never changes. Matches the file name. */
  id: string;
  /** Bumped on any change that alters scores; every score carries the version it was computed under. */
  version: number;
  title: string;
  summary: string;
  /** Markdown-free paragraphs describing exactly what is measured and how. */
  protocol: string[];
  dataset: {
    name: string;
    description: string;
    source: string;
    licence: string;
    imagesShown: boolean;
    /** The command that writes the split into a worker's `--data-root/<id>` (given as `--out DIR`), and whether it needs internet. */
    getData: { command: string; needsInternet: boolean };
  };
  /**
   * The label space: labels run from 0 to numClasses − 1 and only models with exactly numClasses outputs are queued
   * on this benchmark (lib/benchmarks/eligibility.ts), so a 1000-class ImageNet model never lands on a 10-class board.
   */
  numClasses: number;
  /** What the classes are, for people choosing a board ("ImageNet-1k", "4 synthetic shapes"). */
  classSpace: string;
  /** Each label's display name (the explorer's captions), where the definition knows them. */
  classNames?: readonly string[];
  /**
   * What the board's top-1 accuracy is measured on, in prose ("ImageNet top-1 accuracy", "top-1 accuracy on the 10
   * synthetic shapes"). Pages say this instead of a fixed "ImageNet top-1", so a synthetic board never claims ImageNet.
   */
  accuracyLabel: string;
  /** Metric ids from lib/metrics/registry, in the order pages show them. */
  metrics: MetricId[];
  /** The metric boards rank by: a `ranked` metric of the registry. */
  primaryMetric: MetricId;
  /**
   * Human inter-rater ceiling that the mean Spearman is divided by; null where unpublished. A manifest benchmark
   * without a ceiling has 1 here (its score is the raw mean ρ) and `manifest.ceiling.kind === "none"`: pages and
   * the API show it through shownCeiling / scoreLabel (lib/benchmarks/manifest.ts).
   */
  ceiling: number | null;
  citation: { text: string; bibtex: string; url: string };
  /** One line per version, newest last. */
  changelog: { version: number; date: string; change: string }[];
  /** Whether numbers on this benchmark can be compared with the paper (false for generated data). */
  comparableWithPaper: boolean;
  /**
   * Set on "how" benchmarks (rapid categorisation of partly revealed images, docs/protocol.md §9): they are scored by
   * forward passes and the psychophysics metric instead of the ClickMe map protocol. Absent: a ClickMe-format benchmark.
   */
  psychophysics?: PsychophysicsTrack;
  /** Set on benchmarks declared by a manifest file (docs/datasets.md): the split they are defined on, shard by shard. */
  manifest?: ManifestData;
};

export type PsychophysicsTrack = {
  /** A stimulus is put in the first group iff argmax(logits) < boundary; the truth is its class index < boundary. */
  decisionBoundary: number;
  groups: readonly [string, string];
  /** How a stimulus's class words resolve to a label: every synonym of the ImageNet synsets, or these names. */
  classNames: "imagenet-synsets" | readonly string[];
  humanCurve: {
    /** Where the human curve comes from, in words for the benchmark page. */
    source: string;
    /** A scripted (synthetic, not measured) curve over the ten partial levels; null: computed from the data file. */
    scripted: readonly number[] | null;
  };
};

/** How a manifest benchmark's ceiling was obtained (docs/datasets.md, "The ceiling"). */
export type ManifestCeiling =
  | { kind: "published"; value: number; source: string }
  | { kind: "split-half"; value: number; images: number; splits: number; seed: number; uncorrected: number }
  | { kind: "none" };

/** What a manifest benchmark carries beyond a built-in one: the split it is defined on. */
export type ManifestData = {
  /** The file the definition was read from (for messages; empty when parsed from memory). */
  file: string;
  shards: { name: string; bytes: number; sha256: string; records: number }[];
  sha256: string;
  nImages: number;
  ceiling: ManifestCeiling;
  classNames: string[] | null;
};
