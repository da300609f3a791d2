import type { PerImage } from "@/lib/metrics/aggregate";

/** The part of a loaded model the pipeline needs; `LoadedModel` from @/lib/models/load satisfies it. */
export type SaliencyModel = {
  inputSize: number;
  numClasses: number;
  /**
   * images: N×H×W×3 preprocessed; returns saliency N×H×W (max over RGB of |∂ logit[label] / ∂ input|) and
   * logits N×numClasses. Typed arrays only: the model owns its tensor memory.
   */
  computeSaliency(images: Float32Array, labels: Int32Array, n: number): Promise<{ saliency: Float32Array; logits: Float32Array }>;
};

export type { Sample } from "@/lib/datasets/sample";

export type Progress = { done: number; total: number | null };

export type { PerImage };
