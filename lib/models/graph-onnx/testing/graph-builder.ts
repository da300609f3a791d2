/**
 * Builds converter-style TF.js graph models in code (GraphDef nodes as the converter writes them: attributes in
 * protobuf JSON, strings base64, every Const's value in the weight shard), for the translator's tests.
 */
import type * as tf from "@tensorflow/tfjs";
import { encodeGraphString } from "@/lib/models/graph-rewrite";
import { randomArray } from "@/lib/models/fixtures/random-models";
import type { GraphNode } from "../context";

type Attr = Record<string, unknown>;
type Weight = { name: string; shape: number[]; dtype: "float32" | "int32"; values: Float32Array | Int32Array };

export const s = (v: string) => ({ s: encodeGraphString(v) });
export const i = (v: number) => ({ i: String(v) });
export const f = (v: number) => ({ f: v });
export const b = (v: boolean) => ({ b: v });
export const ints = (v: number[]) => ({ list: { i: v.map(String) } });
const T = { T: { type: "DT_FLOAT" } };
const dims = (shape: number[]) => ({ dim: shape.map((d) => ({ size: String(d) })) });

export type ConvSpec = { strides?: number; padding?: "SAME" | "VALID" | "EXPLICIT"; dilations?: number; explicit?: number[]; bias?: boolean };

export class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  private readonly weights: Weight[] = [];
  private n = 0;
  private seed: number;

  constructor(seed: number, readonly size = 224) {
    this.seed = seed * 1000;
    this.nodes.push({ name: "input", op: "Placeholder", attr: { dtype: { type: "DT_FLOAT" }, shape: { shape: dims([-1, size, size, 3]) } } });
  }

  private fresh(hint: string): string {
    return `${hint}_${this.n++}`;
  }
  constant(shape: number[], values: Float32Array | Int32Array | number[], hint = "const"): string {
    const name = this.fresh(hint);
    const int = values instanceof Int32Array;
    const data = Array.isArray(values) ? Float32Array.from(values) : values;
    this.weights.push({ name, shape, dtype: int ? "int32" : "float32", values: data });
    const dtype = int ? "DT_INT32" : "DT_FLOAT";
    this.nodes.push({ name, op: "Const", attr: { value: { tensor: { dtype, tensorShape: dims(shape) } }, dtype: { type: dtype } } });
    return name;
  }
  /** Seeded uniform values in ±scale (default: fan-in scaling, so activations stay O(1)). */
  random(shape: number[], scale?: number, lo?: number): string {
    const count = shape.reduce((a, c) => a * c, 1);
    const fanIn = shape.length > 1 ? shape.slice(0, -1).reduce((a, c) => a * c, 1) : 1;
    const k = scale ?? (shape.length > 1 ? Math.sqrt(3 / fanIn) : 0.2);
    return this.constant(shape, randomArray(count, this.seed++, lo ?? -k, k), "w");
  }
  intConst(values: number[]): string {
    return this.constant([values.length], Int32Array.from(values), "i");
  }
  scalarInt(v: number): string {
    return this.constant([], Int32Array.of(v), "i");
  }
  op(op: string, input: string[], attr: Attr = {}, name?: string): string {
    const id = name ?? this.fresh(op.toLowerCase());
    this.nodes.push({ name: id, op, input, attr: { ...T, ...attr } as GraphNode["attr"] });
    return id;
  }

  private convAttrs(spec: ConvSpec): Attr {
    const st = spec.strides ?? 1;
    const d = spec.dilations ?? 1;
    return {
      strides: ints([1, st, st, 1]), dilations: ints([1, d, d, 1]), padding: s(spec.padding ?? "SAME"), data_format: s("NHWC"),
      ...(spec.explicit ? { explicit_paddings: ints(spec.explicit) } : {}),
    };
  }
  conv(x: string, k: number, ci: number, co: number, spec: ConvSpec = {}): string {
    const y = this.op("Conv2D", [x, this.random([k, k, ci, co])], { ...this.convAttrs(spec), use_cudnn_on_gpu: b(true) });
    return spec.bias === false ? y : this.op("BiasAdd", [y, this.random([co])], { data_format: s("NHWC") });
  }
  depthwise(x: string, k: number, c: number, mult: number, spec: ConvSpec = {}): string {
    const y = this.op("DepthwiseConv2dNative", [x, this.random([k, k, c, mult], Math.sqrt(3 / (k * k)))], this.convAttrs(spec));
    return spec.bias === false ? y : this.op("BiasAdd", [y, this.random([c * mult])], { data_format: s("NHWC") });
  }
  /** The converter's fused form (prepareGraphArtifacts unfuses it before tfjs or the translator see it). */
  fusedConv(x: string, k: number, ci: number, co: number, activation: string | null, spec: ConvSpec = {}, depthwise = false): string {
    const w = depthwise ? this.random([k, k, ci, 1], Math.sqrt(3 / (k * k))) : this.random([k, k, ci, co]);
    const fused = ["BiasAdd", ...(activation ? [activation] : [])];
    return this.op(depthwise ? "FusedDepthwiseConv2dNative" : "_FusedConv2D", [x, w, this.random([depthwise ? ci : co])], {
      ...this.convAttrs(spec), fused_ops: { list: { s: fused.map(encodeGraphString) } }, num_args: i(1), epsilon: f(0),
    });
  }
  batchNorm(x: string, c: number): string {
    const [scale, offset, mean] = [this.random([c], 0.5, 0.5), this.random([c], 0.2), this.random([c], 0.2)];
    const variance = this.random([c], 0.5, 0.5);
    return this.op("FusedBatchNormV3", [x, scale, offset, mean, variance], {
      U: { type: "DT_FLOAT" }, epsilon: f(0.001), data_format: s("NHWC"), is_training: b(false), exponential_avg_factor: f(1),
    });
  }
  pool(op: "MaxPool" | "AvgPool", x: string, k: number, st: number, padding: "SAME" | "VALID" = "SAME"): string {
    return this.op(op, [x], { ksize: ints([1, k, k, 1]), strides: ints([1, st, st, 1]), padding: s(padding), data_format: s("NHWC") });
  }
  reduce(op: "Mean" | "Sum" | "Max", x: string, axes: number[], keep = false): string {
    return this.op(op, [x, this.intConst(axes)], { Tidx: { type: "DT_INT32" }, keep_dims: b(keep) });
  }
  matMul(x: string, k: number, classes: number, name?: string): string {
    const y = this.op("MatMul", [x, this.random([k, classes])], { transpose_a: b(false), transpose_b: b(false) });
    return this.op("BiasAdd", [y, this.random([classes])], { data_format: s("NHWC") }, name);
  }

  /** model.json and the weight shard; a Softmax follows the logits, as in a converted Keras model. */
  build(logits: string): { modelJson: Record<string, unknown>; weightData: Uint8Array; artifacts: tf.io.ModelArtifacts } {
    const nodes = [...this.nodes, { name: "probs", op: "Softmax", input: [logits], attr: T }];
    const weightData = new Uint8Array(this.weights.reduce((n, w) => n + w.values.byteLength, 0));
    let offset = 0;
    for (const w of this.weights) {
      weightData.set(new Uint8Array(w.values.buffer, w.values.byteOffset, w.values.byteLength), offset);
      offset += w.values.byteLength;
    }
    const weightSpecs = this.weights.map(({ name, shape, dtype }) => ({ name, shape, dtype }));
    const modelTopology = { node: nodes, library: {}, versions: { producer: 1482 } };
    const modelJson = {
      format: "graph-model", generatedBy: "2.15.0", convertedBy: "TensorFlow.js Converter v4.22.0", modelTopology,
      weightsManifest: [{ paths: ["group1-shard1of1.bin"], weights: weightSpecs }],
    };
    return { modelJson, weightData, artifacts: { format: "graph-model", modelTopology, weightSpecs, weightData: weightData.slice().buffer } };
  }
}
