import type { PerImage } from "@/lib/metrics/aggregate";

/** The part of a loaded model the pipeline needs; `LoadedModel` from @/lib/models/load satisfies it. */
export type SaliencyModel = {
  inputSize: number;
  numClasses: number;
  /**
   * images: N×H×W×3 preprocessed; returns saliency N×H×W (max over RGB of |∂ logit[label] / ∂ input|) and
   * logits N×numClasses. Typed arrays only: the model owns its tensor memory.
   */
  computeSaliency(
    images: Float32Array,
    labels: Int32Array,
    n: number,
  ): Promise<{ saliency: Float32Array; logits: Float32Array }>;
};

/** One record of a ClickMe-format split, as yielded by readClickMe. */
export type Sample = {
  /** 0-based position in split order. */
  index: number;
  shard: string;
  recordInShard: number;
  label: number;
  /** 256×256×3 uint8 RGB. */
  image: Uint8Array;
  /** 256×256 uint8 human map. */
  heatmap: Uint8Array;
};

export type Progress = { done: number; total: number | null };

export type { PerImage };
