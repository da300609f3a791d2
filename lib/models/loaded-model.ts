import type { ModelFormat } from "@/lib/types";

/** A model ready for saliency, whatever its format (TF.js layers/graph or ONNX): what loadModel returns. */
export type LoadedModel = {
  format: ModelFormat;
  inputSize: number;
  numClasses: number;
  weightsHash: string;
  paramCount: number;
  /** ONNX models: the file (kept until dispose, also when it came in a zip) for the onnxruntime cross-check. */
  onnx?: { file: string; outputName: string | null; opset: number; producer: string };
  /**
   * The engine that computes the saliency when it is not the process's tfjs backend: onnxruntime on the gradient graph
   * (lib/models/ort/native-saliency.ts). Absent on the tfjs path.
   */
  engine?: { name: string; version: string; threads: number };
  /** Why a native engine was asked for but this model runs on tfjs (an op without a gradient rule, a TF.js format). */
  nativeFallback?: string;
  /** Logits only, N×numClasses: a forward pass without gradients (psychophysics). Absent: use computeSaliency's logits. */
  computeLogits?(images: Float32Array, n: number): Promise<Float32Array>;
  computeSaliency(
    images: Float32Array,
    labels: Int32Array,
    n: number,
  ): Promise<{ saliency: Float32Array; logits: Float32Array }>;
  dispose(): void;
};
