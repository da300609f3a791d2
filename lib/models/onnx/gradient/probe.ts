/**
 * The shapes the gradient rules need (transposed-convolution geometry, broadcast axes, slice offsets), measured by
 * running the forward graph once in onnxruntime with every value that depends on the image as an output, at a batch
 * of 2 so that a broadcast over the batch cannot hide behind a batch of 1.
 */
import { loadOnnxRuntime } from "@/lib/models/ort/runtime";
import type { Msg } from "./emitter";
import { encodeModelProto } from "./proto";

export const PROBE_BATCH = 2;

export async function probeShapes(m: Msg, o: { inputName: string; inputDims: number[]; values: string[] }): Promise<Map<string, number[]>> {
  const ort = loadOnnxRuntime();
  const probe = { ...m, graph: { ...m.graph, output: o.values.map((name) => ({ name })) } };
  const session = await ort.InferenceSession.create(encodeModelProto(probe), { executionProviders: ["cpu"], intraOpNumThreads: 1, logSeverityLevel: 3 });
  try {
    const count = o.inputDims.reduce((a, b) => a * b, 1);
    // Smooth, non-constant values: max pooling and ReLU see ordinary activations, not ties everywhere.
    const data = Float32Array.from({ length: count }, (_, i) => Math.sin(i * 0.013) * 0.5);
    const out = await session.run({ [o.inputName]: new ort.Tensor("float32", data, o.inputDims) }, o.values);
    return new Map(o.values.map((name) => [name, [...out[name].dims]]));
  } finally {
    await session.release();
  }
}
