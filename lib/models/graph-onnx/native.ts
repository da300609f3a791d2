/** A TF.js graph model on the native engine: its artifacts translated to ONNX, then the gradient graph in onnxruntime. */
import os from "node:os";
import type * as tf from "@tensorflow/tfjs";
import type { LoadedModel } from "@/lib/models/loaded-model";
import type { NativeProvider } from "@/lib/models/ort/native-saliency";
import { nativeModel } from "@/lib/models/ort/native-saliency";
import { LOGITS_NAME, translateGraphModel } from "./translate";

export type GraphNativeOptions = {
  logitsNode: string;
  inputSize: number;
  numClasses: number;
  weightsHash: string;
  paramCount: number;
  native: { provider: NativeProvider; threads: number };
};

/** handler: the model's files with the converter's fused nodes unfused (prepareGraphArtifacts), as the tfjs path loads them. */
export async function loadGraphOnNative(handler: tf.io.IOHandler, o: GraphNativeOptions): Promise<LoadedModel> {
  if (!handler.load) throw new Error("the graph model's IOHandler cannot load");
  const artifacts = await handler.load();
  const bytes = translateGraphModel(artifacts, { logitsNode: o.logitsNode, inputSize: o.inputSize });
  return nativeModel(bytes, os.tmpdir(), { numClasses: o.numClasses, outputName: LOGITS_NAME, ...o.native }, {
    format: "graph", weightsHash: o.weightsHash, paramCount: o.paramCount,
  });
}
