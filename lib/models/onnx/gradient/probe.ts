/**
 * What the gradient rules need to know about values (transposed-convolution geometry, broadcast axes, slice offsets,
 * and the integer arguments torch.onnx.export computes from shapes, e.g. Slice bounds from Shape → Gather → Div),
 * measured by running the forward graph in onnxruntime with those values as outputs: at a batch of 2, so that a
 * broadcast over the batch cannot hide behind a batch of 1, and again at 1, so that an integer that depends on the
 * batch size is known not to be a constant.
 */
import { loadOnnxRuntime } from "@/lib/models/ort/runtime";
import { openGraphSession, type ExternalFiles } from "@/lib/models/ort/session-files";
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

const SHAPE_PREFIX = "__probe/shape/";
/**
 * Shapes measured per session. Each Shape node keeps its value's producer from being freed early in ways onnxruntime's
 * planner does not undo: all of a ViT-B/16's ~600 values in one session made the probe peak at 1.9 GB, in sessions of
 * 200 at 1.2 GB (each session adds a forward pass at batches 2 and 1: about a second for a ViT-B/16).
 */
const SHAPES_PER_SESSION = 200;

/**
 * Each Shape node right after the node producing its value: onnxruntime runs nodes in this order where it can, and
 * Shape nodes appended at the end would keep every activation of the forward pass alive until the last one ran.
 */
function withShapesAfterProducers(nodes: Msg[], shapeNodes: { input: string[] }[]): Msg[] {
  const byValue = new Map<string, Msg[]>();
  for (const s of shapeNodes) byValue.set(s.input[0], [...(byValue.get(s.input[0]) ?? []), s]);
  const out: Msg[] = [];
  for (const n of nodes) {
    out.push(n);
    for (const o of n.output ?? []) {
      out.push(...(byValue.get(o) ?? []));
      byValue.delete(o);
    }
  }
  return [...[...byValue.values()].flat(), ...out];
}

/**
 * shapesOf: the values whose shapes are measured. Only their Shape is returned, not the values themselves: a ViT's
 * activations at two batch sizes are gigabytes, which onnxruntime would allocate and hand over for nothing.
 * valuesOf: the values read back whole (the computed integer arguments of the path's nodes, which are small).
 */
export async function probe(m: Msg, files: ExternalFiles, o: ProbeRequest): Promise<Probe> {
  const out: Probe = { shapes: new Map(), shapesAtOne: new Map(), integers: new Map() };
  for (let i = 0; i === 0 || i < o.shapesOf.length; i += SHAPES_PER_SESSION) {
    const part = await probeSession(m, files, { ...o, shapesOf: o.shapesOf.slice(i, i + SHAPES_PER_SESSION), valuesOf: i === 0 ? o.valuesOf : [] });
    for (const [k, v] of part.shapes) out.shapes.set(k, v);
    for (const [k, v] of part.shapesAtOne) out.shapesAtOne.set(k, v);
    for (const [k, v] of part.integers) out.integers.set(k, v);
  }
  return out;
}

type ProbeRequest = { inputName: string; inputDims: number[]; shapesOf: string[]; valuesOf: string[] };

async function probeSession(m: Msg, files: ExternalFiles, o: ProbeRequest): Promise<Probe> {
  const ort = loadOnnxRuntime();
  const shapeNodes = o.shapesOf.map((name, i) => ({ opType: "Shape", input: [name], output: [`${SHAPE_PREFIX}${i}`], name: `${SHAPE_PREFIX}node_${i}` }));
  const outputs = [...shapeNodes.map((n) => n.output[0]), ...o.valuesOf];
  const graph = { ...m, graph: { ...m.graph, node: withShapesAfterProducers(m.graph.node, shapeNodes), output: outputs.map((name) => ({ name })) } };
  // No prepacked weights: the probe runs twice, and prepacking would hold the weights twice over for nothing.
  const session = await openGraphSession(encodeModelProto(graph), files, {
    executionProviders: ["cpu"],
    intraOpNumThreads: 1,
    logSeverityLevel: 3,
    enableCpuMemArena: false,
    extra: { session: { disable_prepacking: "1" } },
  });
  try {
    const run = async (batch: number) => {
      const dims = [batch, ...o.inputDims.slice(1)];
      const count = dims.reduce((a, b) => a * b, 1);
      // Smooth, non-constant values: max pooling and ReLU see ordinary activations, not ties everywhere.
      const data = Float32Array.from({ length: count }, (_, i) => Math.sin(i * 0.013) * 0.5);
      return (await session.run({ [o.inputName]: new ort.Tensor("float32", data, dims) }, outputs)) as Record<string, OrtValue>;
    };
    const two = await run(PROBE_BATCH);
    const one = await run(1);
    const shapeIn = (out: Record<string, OrtValue>) =>
      new Map(o.shapesOf.map((name, i) => [name, Array.from(out[`${SHAPE_PREFIX}${i}`].data as BigInt64Array, Number)]));
    const integers = new Map<string, number[]>();
    for (const name of o.valuesOf) {
      const a = smallIntegers(two[name]);
      const b = smallIntegers(one[name]);
      if (a && b && a.length === b.length && a.every((v, i) => v === b[i])) integers.set(name, a);
    }
    return { shapes: shapeIn(two), shapesAtOne: shapeIn(one), integers };
  } finally {
    await session.release();
  }
}
