/** A TF.js layers model on the native engine: loaded by tfjs (no saliency passes), translated to ONNX, then freed. */
import os from "node:os";
import * as tf from "@tensorflow/tfjs";
import type { LoadedModel } from "@/lib/models/loaded-model";
import type { NativeProvider } from "@/lib/models/ort/native-saliency";
import { nativeModel } from "@/lib/models/ort/native-saliency";
import { LOGITS_NAME, translateLayersModel } from "./translate";

export type LayersNativeOptions = {
  inputSize: number;
  numClasses: number;
  weightsHash: string;
  paramCount: number;
  native: { provider: NativeProvider; threads: number };
};

export async function loadLayersOnNative(handler: tf.io.IOHandler, o: LayersNativeOptions): Promise<LoadedModel> {
  // Translated from the model as stored: the saliency passes (folded batch norms, fused ReLU6) rewrite tfjs layers'
  // call functions, not their configurations, so a model they had run over would be translated wrongly.
  const model = await tf.loadLayersModel(handler, { strict: true });
  let bytes: Uint8Array;
  try {
    bytes = translateLayersModel(model, o.inputSize);
  } finally {
    model.dispose();
  }
  return nativeModel(bytes, os.tmpdir(), { numClasses: o.numClasses, outputName: LOGITS_NAME, ...o.native }, {
    format: "layers", weightsHash: o.weightsHash, paramCount: o.paramCount,
  });
}
