/**
 * Builds ONNX ModelProtos field by field with the schema the reader decodes (protobufjs + onnx.proto): the tests' small
 * models, and graphs the project writes itself (lib/models/layers-onnx translates TF.js layers models with it).
 */
import { onnxSchema } from "./read";

const root = onnxSchema();
const ModelProto = root.lookupType("onnx.ModelProto");

export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;
export const ONNX_FLOAT16 = 10;
export const ONNX_UINT8 = 2;

export type Json = Record<string, unknown>;
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
  producer?: string;
};

export function encodeModel(spec: ModelSpec): Uint8Array {
  const msg = ModelProto.fromObject({
    irVersion: spec.irVersion ?? 8,
    producerName: spec.producer ?? "build-model.ts",
    producerVersion: "1",
    opsetImport: [{ domain: "", version: spec.opset ?? 17 }],
    graph: { name: "g", node: spec.nodes, input: spec.inputs, output: spec.outputs, initializer: spec.initializers ?? [] },
  });
  return ModelProto.encode(msg).finish();
}


/** Nodes and initializers of a graph being written, each value under a fresh name (the TF.js translators' writer). */
export class GraphWriter {
  readonly nodes: Json[] = [];
  readonly initializers: Json[] = [];
  private n = 0;
  fresh(hint: string): string {
    return `${hint}_${this.n++}`;
  }
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}): string {
    const out = this.fresh(opType.toLowerCase());
    this.nodes.push(node(opType, inputs, [out], attrs, this.fresh(`${opType}_node`)));
    return out;
  }
  floats(dims: number[], values: ArrayLike<number>): string {
    const name = this.fresh("w");
    this.initializers.push(floatTensor(name, dims, values));
    return name;
  }
  ints(values: number[]): string {
    const name = this.fresh("i");
    this.initializers.push(int64Tensor(name, [values.length], values));
    return name;
  }
}
