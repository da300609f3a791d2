/** ONNX models for saliency through the importer (lib/models/onnx): the same LoadedModel as TF.js models. */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { computeForwardLogits } from "@/lib/models/forward-logits";
import { computeSaliencyMaps } from "@/lib/models/saliency";
import { loadOnnxForSaliency } from "@/lib/models/onnx/execute";
import { FlippedFilterCache } from "@/lib/tf/conv-backprop";
import type { LoadedModel } from "@/lib/models/loaded-model";
import { loadNativeOnnxModel, type NativeProvider } from "@/lib/models/ort/native-saliency";

export const ONNX_FILE = "model.onnx";

/** model.onnx at the root of `dir`, else inside its single top-level folder (how zips are often built); null if none. */
export async function onnxFileIn(dir: string): Promise<string | null> {
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && e.name === ONNX_FILE)) return path.join(dir, ONNX_FILE);
  const dirs = entries.filter((e) => e.isDirectory());
  if (dirs.length === 1 && entries.length === 1) {
    const inner = path.join(dir, dirs[0].name);
    if ((await readdir(inner)).includes(ONNX_FILE)) return path.join(inner, ONNX_FILE);
  }
  return null;
}

/** Ask for the native engine (onnxruntime on the gradient graph); null: the tfjs importer. */
export type NativeRequest = { provider: NativeProvider; threads: number } | null;

export type OnnxLoadOptions = { numClasses?: number; outputName?: string; inputSize?: number; native?: NativeRequest };

/**
 * The native engine when asked for and the graph allows it; otherwise, or when building or opening its gradient graph
 * fails for any reason, the tfjs importer, with the reason kept for provenance (a model is never scored by a graph
 * that could not be built; if the importer cannot run it either, its error is the model's).
 */
export async function loadOnnxModel(file: string, opts: OnnxLoadOptions, onDispose: () => void = () => {}): Promise<LoadedModel> {
  if (!opts.native) return loadOnnxOnTfjs(file, opts, onDispose);
  let reason: string;
  try {
    const native = await loadNativeOnnxModel(file, { ...opts, ...opts.native }, onDispose);
    if (opts.inputSize == null || opts.inputSize === native.inputSize) return native;
    native.dispose();
    reason = `inputSize ${opts.inputSize} was requested but the model declares ${native.inputSize}×${native.inputSize} inputs`;
  } catch (err) {
    reason = (err as Error).message.split("\n")[0];
  }
  console.warn(`[onnx] native engine not used, falling back to the tfjs importer: ${reason}`);
  return { ...(await loadOnnxOnTfjs(file, opts, onDispose)), nativeFallback: reason };
}

async function loadOnnxOnTfjs(file: string, opts: OnnxLoadOptions, onDispose: () => void): Promise<LoadedModel> {
  const m = await loadOnnxForSaliency(file, { numClasses: opts.numClasses, outputName: opts.outputName });
  if (opts.inputSize != null && opts.inputSize !== m.inputSize) {
    m.dispose();
    throw new Error(`inputSize ${opts.inputSize} was requested but the model declares ${m.inputSize}×${m.inputSize} inputs`);
  }
  const filters = new FlippedFilterCache();
  const { inputSize, numClasses } = m;
  return {
    format: "onnx",
    inputSize,
    numClasses,
    weightsHash: m.weightsHash,
    paramCount: m.paramCount,
    onnx: { file, outputName: opts.outputName ?? null, opset: m.opset, producer: m.producer },
    computeLogits: (images, n) => computeForwardLogits(m.logits, images, n, inputSize, numClasses),
    computeSaliency: (images, labels, n) =>
      computeSaliencyMaps(m.logits, { images, labels, n, inputSize, numClasses }, Math.max(1, n), filters),
    dispose: () => {
      filters.dispose();
      m.dispose();
      onDispose();
    },
  };
}
