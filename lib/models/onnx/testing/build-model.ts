/**
 * Encodes small ONNX models for tests with the same schema the reader decodes (protobufjs + onnx.proto), so bad
 * input can be built field by field: a wrong dtype, a short raw_data, an external location, a foreign opset.
 */
import { onnxSchema } from "../read";

const root = onnxSchema();
const ModelProto = root.lookupType("onnx.ModelProto");
const TensorProtoType = root.lookupType("onnx.TensorProto");

export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;
export const ONNX_FLOAT16 = 10;
export const ONNX_UINT8 = 2;

type Json = Record<string, unknown>;
export type AttrValue = number | string | number[] | { tensor: Json } | { float: number };

export function valueInfo(name: string, elemType: number, shape: (number | string)[] | null): Json {
  const tensorType: Json = { elemType };
  if (shape) tensorType.shape = { dim: shape.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) };
  return { name, type: { tensorType } };
}

/** A float32 initializer in raw_data (little-endian), or any dtype with explicit raw bytes. */
export function floatTensor(name: string, dims: number[], values: ArrayLike<number>): Json {
  return { name, dims, dataType: ONNX_FLOAT, rawData: new Uint8Array(Float32Array.from(values).buffer) };
}
export function int64Tensor(name: string, dims: number[], values: number[]): Json {
  return { name, dims, dataType: ONNX_INT64, int64Data: values };
}
export function rawTensor(name: string, dims: number[], dataType: number, raw: Uint8Array): Json {
  return { name, dims, dataType, rawData: raw };
}
export function externalTensor(name: string, dims: number[], dataType: number, kv: Record<string, string>): Json {
  return { name, dims, dataType, dataLocation: 1, externalData: Object.entries(kv).map(([key, value]) => ({ key, value })) };
}

function attr(name: string, v: AttrValue): Json {
  if (typeof v === "string") return { name, type: 3, s: new TextEncoder().encode(v) };
  if (typeof v === "number") return Number.isInteger(v) ? { name, type: 2, i: v } : { name, type: 1, f: v };
  if (Array.isArray(v)) return { name, type: 7, ints: v };
  if ("float" in v) return { name, type: 1, f: v.float };
  return { name, type: 4, t: v.tensor };
}

export function node(opType: string, inputs: string[], outputs: string[], attrs: Record<string, AttrValue> = {}, name?: string): Json {
  return { opType, input: inputs, output: outputs, name: name ?? `${opType.toLowerCase()}_${outputs[0]}`, attribute: Object.entries(attrs).map(([k, v]) => attr(k, v)) };
}

export type ModelSpec = {
  opset?: number;
  inputs: Json[];
  outputs: Json[];
  nodes: Json[];
  initializers?: Json[];
  irVersion?: number;
};

export function encodeModel(spec: ModelSpec): Uint8Array {
  const msg = ModelProto.fromObject({
    irVersion: spec.irVersion ?? 8,
    producerName: "build-model.ts",
    producerVersion: "1",
    opsetImport: [{ domain: "", version: spec.opset ?? 17 }],
    graph: { name: "g", node: spec.nodes, input: spec.inputs, output: spec.outputs, initializer: spec.initializers ?? [] },
  });
  return ModelProto.encode(msg).finish();
}

export function encodeTensor(t: Json): Uint8Array {
  return TensorProtoType.encode(TensorProtoType.fromObject(t)).finish();
}

/** A tiny valid classifier: NCHW [N,3,8,8] → Conv 3→4 (3×3, pad 1) → Relu → GlobalAveragePool → Flatten → Gemm → [N,classes]. */
export function tinyClassifier(opts: { classes?: number; opset?: number; weights?: Json[] } = {}): ModelSpec {
  const classes = opts.classes ?? 5;
  const conv = Array.from({ length: 4 * 3 * 9 }, (_, i) => Math.sin(i * 0.7) * 0.3);
  const fc = Array.from({ length: classes * 4 }, (_, i) => Math.cos(i * 1.3));
  return {
    opset: opts.opset ?? 17,
    inputs: [valueInfo("input", ONNX_FLOAT, ["batch", 3, 8, 8])],
    outputs: [valueInfo("logits", ONNX_FLOAT, ["batch", classes])],
    initializers: opts.weights ?? [
      floatTensor("w", [4, 3, 3, 3], conv),
      floatTensor("b", [4], [0.1, -0.1, 0.2, 0]),
      floatTensor("fc", [classes, 4], fc),
      floatTensor("fcb", [classes], new Array(classes).fill(0.05)),
    ],
    nodes: [
      node("Conv", ["input", "w", "b"], ["c"], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }),
      node("Relu", ["c"], ["r"]),
      node("GlobalAveragePool", ["r"], ["p"]),
      node("Flatten", ["p"], ["f"]),
      node("Gemm", ["f", "fc", "fcb"], ["logits"], { transB: 1 }),
    ],
  };
}
