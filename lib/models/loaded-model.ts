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
  /** Logits only, N×numClasses: a forward pass without gradients (psychophysics). Absent: use computeSaliency's logits. */
  computeLogits?(images: Float32Array, n: number): Promise<Float32Array>;
  computeSaliency(
    images: Float32Array,
    labels: Int32Array,
    n: number,
  ): Promise<{ saliency: Float32Array; logits: Float32Array }>;
  dispose(): void;
};
