/**
 * What the gradient rules need to know about values (transposed-convolution geometry, broadcast axes, slice offsets,
 * and the integer arguments torch.onnx.export computes from shapes, e.g. Slice bounds from Shape → Gather → Div),
 * measured by running the forward graph in onnxruntime with those values as outputs: at a batch of 2, so that a
 * broadcast over the batch cannot hide behind a batch of 1, and again at 1, so that an integer that depends on the
 * batch size is known not to be a constant.
 */
import { loadOnnxRuntime } from "@/lib/models/ort/runtime";
import type { Msg } from "./emitter";
import { encodeModelProto } from "./proto";

export const PROBE_BATCH = 2;
/** Integer tensors up to this size are read back as values (slice bounds, axes, pads); larger ones only as shapes. */
const MAX_VALUE_SIZE = 64;

export type Probe = {
  shapes: Map<string, number[]>;
  /** The same values' shapes at a batch of 1: an axis whose size differs is a batch axis. */
  shapesAtOne: Map<string, number[]>;
  /** Small integer values that are the same at both batch sizes. */
  integers: Map<string, number[]>;
};

type OrtValue = { dims: readonly number[]; type: string; data: unknown; size: number };

function smallIntegers(t: OrtValue): number[] | null {
  if ((t.type !== "int64" && t.type !== "int32") || t.size > MAX_VALUE_SIZE) return null;
  return Array.from(t.data as ArrayLike<number | bigint>, (v) => Number(v));
}

export async function probe(m: Msg, o: { inputName: string; inputDims: number[]; values: string[] }): Promise<Probe> {
  const ort = loadOnnxRuntime();
  const graph = { ...m, graph: { ...m.graph, output: o.values.map((name) => ({ name })) } };
  const session = await ort.InferenceSession.create(encodeModelProto(graph), { executionProviders: ["cpu"], intraOpNumThreads: 1, logSeverityLevel: 3 });
  try {
    const run = async (batch: number) => {
      const dims = [batch, ...o.inputDims.slice(1)];
      const count = dims.reduce((a, b) => a * b, 1);
      // Smooth, non-constant values: max pooling and ReLU see ordinary activations, not ties everywhere.
      const data = Float32Array.from({ length: count }, (_, i) => Math.sin(i * 0.013) * 0.5);
      return (await session.run({ [o.inputName]: new ort.Tensor("float32", data, dims) }, o.values)) as Record<string, OrtValue>;
    };
    const two = await run(PROBE_BATCH);
    const one = await run(1);
    const shapes = new Map(o.values.map((name) => [name, [...two[name].dims]]));
    const shapesAtOne = new Map(o.values.map((name) => [name, [...one[name].dims]]));
    const integers = new Map<string, number[]>();
    for (const name of o.values) {
      const a = smallIntegers(two[name]);
      const b = smallIntegers(one[name]);
      if (a && b && a.length === b.length && a.every((v, i) => v === b[i])) integers.set(name, a);
    }
    return { shapes, shapesAtOne, integers };
  } finally {
    await session.release();
  }
}
