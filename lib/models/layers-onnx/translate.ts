/**
 * A TF.js layers model as an ONNX graph, so that TF.js submissions run on the native engine too (issue #14 item 2).
 * It reads the loaded tf.LayersModel (topology after the softmax was stripped, weights as loaded) layer by layer: the
 * NHWC image input is transposed once to NCHW, the body is NCHW (ONNX's Conv and pooling layout), and Flatten goes
 * back to NHWC order first, as Keras flattens. A layer class or configuration it does not translate is an error naming
 * the layer; the caller then keeps the model on tfjs and records why.
 */
import * as tf from "@tensorflow/tfjs";
import { encodeModel, GraphWriter, node, ONNX_FLOAT, valueInfo, type AttrValue } from "@/lib/models/onnx/proto-builder";

type Json = Record<string, unknown>;
type Sym = { id: number; shape: (number | null)[] };
type LayerInternals = tf.layers.Layer & { inboundNodes: { inputTensors: Sym[]; outputTensors: Sym[] }[] };

export class LayersTranslationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LayersTranslationError";
  }
}

const refuse = (layer: tf.layers.Layer, why: string): never => {
  throw new LayersTranslationError(`layer "${layer.name}" (${layer.getClassName()}): ${why}`);
};

export const INPUT_NAME = "input";
export const LOGITS_NAME = "logits";

/** Layer configurations carry loosely typed attributes; GraphWriter's op takes them as they come. */
class Builder extends GraphWriter {
  override op(opType: string, inputs: string[], attrs: Record<string, unknown> = {}): string {
    return super.op(opType, inputs, attrs as Record<string, AttrValue>);
  }
}

/** HWIO (TF.js kernels) → OIHW (ONNX), optionally with the input channels split into groups of one (depthwise). */
function kernelToOihw(k: Float32Array, [kh, kw, ci, co]: number[]): Float32Array {
  const out = new Float32Array(k.length);
  for (let a = 0; a < kh; a++) for (let b = 0; b < kw; b++) for (let i = 0; i < ci; i++) for (let o = 0; o < co; o++) {
    out[((o * ci + i) * kh + a) * kw + b] = k[((a * kw + b) * ci + i) * co + o];
  }
  return out;
}

/** Depthwise [kh, kw, C, mult] → [C·mult, 1, kh, kw]: output channel c·mult + m, as TF orders them. */
function depthwiseToOihw(k: Float32Array, [kh, kw, c, mult]: number[]): Float32Array {
  const out = new Float32Array(k.length);
  for (let a = 0; a < kh; a++) for (let b = 0; b < kw; b++) for (let i = 0; i < c; i++) for (let m = 0; m < mult; m++) {
    out[((i * mult + m) * kh + a) * kw + b] = k[((a * kw + b) * c + i) * mult + m];
  }
  return out;
}

function weightsOf(layer: tf.layers.Layer): Map<string, { shape: number[]; data: Float32Array }> {
  const out = new Map<string, { shape: number[]; data: Float32Array }>();
  const values = layer.getWeights();
  layer.weights.forEach((w, i) => out.set(w.originalName.split("/").pop()!, { shape: values[i].shape, data: values[i].dataSync() as Float32Array }));
  return out;
}

const pair = (v: unknown): [number, number] => (Array.isArray(v) ? [Number(v[0]), Number(v[1] ?? v[0])] : [Number(v), Number(v)]);

function activation(b: Builder, layer: tf.layers.Layer, x: string, name: unknown): string {
  switch (name ?? "linear") {
    case "linear": return x;
    case "relu": return b.op("Relu", [x]);
    case "relu6": return b.op("Clip", [x, b.floats([], [0]), b.floats([], [6])]);
    case "sigmoid": return b.op("Sigmoid", [x]);
    case "tanh": return b.op("Tanh", [x]);
    case "elu": return b.op("Elu", [x], { alpha: { float: 1 } });
    case "hardSigmoid": case "hard_sigmoid": return b.op("HardSigmoid", [x], { alpha: { float: 0.2 }, beta: { float: 0.5 } });
    case "swish": return b.op("Mul", [x, b.op("Sigmoid", [x])]);
    case "softplus": return b.op("Softplus", [x]);
    default: return refuse(layer, `activation '${String(name)}' is not translated`);
  }
}

/**
 * TF's "same" as explicit pads (the end gets the odd one, as ONNX's SAME_UPPER; onnxruntime refuses SAME_UPPER with
 * dilations, and explicit pads mean the same everywhere).
 */
function padding(c: Ctx, kernel: [number, number], strides: [number, number], dilations: [number, number] = [1, 1]) {
  const p = c.config.padding;
  if (p === "valid") return {};
  if (p !== "same") return refuse(c.layer, `padding '${String(p)}'`);
  const begin: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < 2; i++) {
    const size = c.shapes[0][1 + i];
    if (size == null) refuse(c.layer, "\"same\" padding on an input of unknown size");
    const out = Math.ceil(size! / strides[i]);
    const total = Math.max(0, (out - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - size!);
    begin.push(Math.floor(total / 2));
    end.push(total - Math.floor(total / 2));
  }
  return { pads: [...begin, ...end] };
}

function checkChannelsLast(layer: tf.layers.Layer, config: Json): void {
  if (config.dataFormat && config.dataFormat !== "channelsLast" && config.dataFormat !== "channels_last") refuse(layer, `dataFormat ${String(config.dataFormat)}`);
}

/** Layer.getConfig() as tfjs returns it: camelCase keys (poolSize, dilationRate, dataFormat, maxValue, …). */
type Ctx = {
  b: Builder; layer: tf.layers.Layer; config: Json; inputs: string[]; ranks: number[];
  /** The inputs' shapes as tfjs declares them (NHWC, batch null). */
  shapes: (number | null)[][];
  w: () => Map<string, { shape: number[]; data: Float32Array }>;
};

function conv(c: Ctx, depthwise: boolean): string {
  const { b, layer, config } = c;
  checkChannelsLast(layer, config);
  const w = c.w();
  const strides = pair(config.strides ?? 1);
  const dilations = pair(config.dilationRate ?? 1);
  const kernel = (w.get(depthwise ? "depthwise_kernel" : "kernel") ?? refuse(layer, "no kernel weight")).shape;
  const attrs = { strides, dilations, ...padding(c, [kernel[0], kernel[1]], strides, dilations) };
  let y: string;
  if (depthwise) {
    const k = w.get("depthwise_kernel")!;
    const [kh, kw, ch, mult] = k.shape;
    y = b.op("Conv", [c.inputs[0], b.floats([ch * mult, 1, kh, kw], depthwiseToOihw(k.data, k.shape))], { ...attrs, kernel_shape: [kh, kw], group: ch });
  } else {
    const k = w.get("kernel") ?? refuse(layer, "no kernel weight");
    const [kh, kw, ci, co] = k.shape;
    if ((config.groups ?? 1) !== 1) refuse(layer, "grouped Conv2D");
    y = b.op("Conv", [c.inputs[0], b.floats([co, ci, kh, kw], kernelToOihw(k.data, k.shape))], { ...attrs, kernel_shape: [kh, kw] });
  }
  const bias = w.get("bias");
  if (bias) y = b.op("Add", [y, b.floats([bias.shape[0], 1, 1], bias.data)]);
  return activation(b, layer, y, config.activation);
}

function separable(c: Ctx): string {
  const { b, layer, config } = c;
  checkChannelsLast(layer, config);
  const w = c.w();
  const d = w.get("depthwise_kernel") ?? refuse(layer, "no depthwise_kernel weight");
  const p = w.get("pointwise_kernel") ?? refuse(layer, "no pointwise_kernel weight");
  const [kh, kw, ch, mult] = d.shape;
  const strides = pair(config.strides ?? 1);
  const dilations = pair(config.dilationRate ?? 1);
  const attrs = { strides, dilations, ...padding(c, [kh, kw], strides, dilations) };
  let y = b.op("Conv", [c.inputs[0], b.floats([ch * mult, 1, kh, kw], depthwiseToOihw(d.data, d.shape))], { ...attrs, kernel_shape: [kh, kw], group: ch });
  y = b.op("Conv", [y, b.floats([p.shape[3], p.shape[2], 1, 1], kernelToOihw(p.data, p.shape))], { kernel_shape: [1, 1] });
  const bias = w.get("bias");
  if (bias) y = b.op("Add", [y, b.floats([bias.shape[0], 1, 1], bias.data)]);
  return activation(b, layer, y, config.activation);
}

function dense(c: Ctx): string {
  const { b, layer, config } = c;
  if (c.ranks[0] !== 2) refuse(layer, `Dense on a rank-${c.ranks[0]} input (only after flattening or global pooling)`);
  const w = c.w();
  const k = w.get("kernel") ?? refuse(layer, "no kernel weight");
  const bias = w.get("bias");
  const inputs = [c.inputs[0], b.floats(k.shape, k.data), ...(bias ? [b.floats(bias.shape, bias.data)] : [])];
  return activation(b, layer, b.op("Gemm", inputs), config.activation);
}

function batchNorm(c: Ctx): string {
  const { b, layer, config } = c;
  const axis = Number(config.axis ?? -1);
  if (!(axis === -1 || axis === c.ranks[0] - 1)) refuse(layer, `BatchNormalization over axis ${axis}`);
  const w = c.w();
  const mean = w.get("moving_mean") ?? refuse(layer, "no moving_mean");
  const variance = w.get("moving_variance") ?? refuse(layer, "no moving_variance");
  const n = mean.shape[0];
  const gamma = w.get("gamma")?.data ?? new Float32Array(n).fill(1);
  const beta = w.get("beta")?.data ?? new Float32Array(n);
  return b.op("BatchNormalization", [c.inputs[0], b.floats([n], gamma), b.floats([n], beta), b.floats([n], mean.data), b.floats([n], variance.data)], {
    epsilon: { float: Number(config.epsilon ?? 1e-3) },
  });
}

function pool(c: Ctx, op: "MaxPool" | "AveragePool"): string {
  const { b, layer, config } = c;
  checkChannelsLast(layer, config);
  const size = pair(config.poolSize ?? 2);
  const strides = pair(config.strides ?? config.poolSize ?? 2);
  // TF averages over the window's valid elements only ("same" pads are not counted): count_include_pad 0.
  return b.op(op, [c.inputs[0]], { kernel_shape: size, strides, ...padding(c, size, strides) });
}

function reluLayer(c: Ctx): string {
  const { b, config } = c;
  const max = config.maxValue == null ? null : Number(config.maxValue);
  const slope = Number(config.negativeSlope ?? 0);
  if (Number(config.threshold ?? 0) !== 0) refuse(c.layer, "ReLU with a threshold");
  if (slope !== 0) {
    if (max !== null) refuse(c.layer, "ReLU with both max_value and negative_slope");
    return b.op("LeakyRelu", [c.inputs[0]], { alpha: { float: slope } });
  }
  return max === null ? b.op("Relu", [c.inputs[0]]) : b.op("Clip", [c.inputs[0], b.floats([], [0]), b.floats([], [max])]);
}

/** Keras axis −1 (channels) of a rank-4 NHWC tensor is axis 1 of the NCHW body; rank-2 axes are unchanged. */
function bodyAxis(layer: tf.layers.Layer, axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (rank === 2) return a;
  if (rank === 4) return [0, 2, 3, 1][a];
  return refuse(layer, `rank-${rank} tensors`);
}

function translateLayer(c: Ctx): string {
  const { b, layer, config } = c;
  switch (layer.getClassName()) {
    case "Conv2D": return conv(c, false);
    case "DepthwiseConv2D": return conv(c, true);
    case "SeparableConv2D": return separable(c);
    case "Dense": return dense(c);
    case "BatchNormalization": return batchNorm(c);
    case "Activation": return activation(b, layer, c.inputs[0], config.activation);
    case "ReLU": return reluLayer(c);
    case "LeakyReLU": return b.op("LeakyRelu", [c.inputs[0]], { alpha: { float: Number(config.alpha ?? 0.3) } });
    case "ELU": return b.op("Elu", [c.inputs[0]], { alpha: { float: Number(config.alpha ?? 1) } });
    case "MaxPooling2D": return pool(c, "MaxPool");
    case "AveragePooling2D": return pool(c, "AveragePool");
    case "GlobalAveragePooling2D": case "GlobalMaxPooling2D": {
      checkChannelsLast(layer, config);
      const pooled = b.op(layer.getClassName() === "GlobalAveragePooling2D" ? "GlobalAveragePool" : "GlobalMaxPool", [c.inputs[0]]);
      return config.keepDims ? refuse(layer, "keepDims") : b.op("Flatten", [pooled]);
    }
    case "Flatten": return c.ranks[0] === 4 ? b.op("Flatten", [b.op("Transpose", [c.inputs[0]], { perm: [0, 2, 3, 1] })]) : b.op("Flatten", [c.inputs[0]]);
    case "ZeroPadding2D": {
      checkChannelsLast(layer, config);
      const p = config.padding;
      const [[top, bottom], [left, right]] = Array.isArray(p) && Array.isArray(p[0]) ? (p as number[][]) : [pair(p), pair(p)].map(([a, z], i) => (i === 0 ? [a, a] : [z, z]));
      return b.op("Pad", [c.inputs[0], b.ints([0, 0, top, left, 0, 0, bottom, right])]);
    }
    case "Dropout": case "SpatialDropout2D": case "GaussianNoise": case "GaussianDropout": case "AlphaDropout":
      return c.inputs[0];
    case "Add": return c.inputs.slice(1).reduce((acc, x) => b.op("Add", [acc, x]), c.inputs[0]);
    case "Multiply": return c.inputs.slice(1).reduce((acc, x) => b.op("Mul", [acc, x]), c.inputs[0]);
    case "Average": return b.op("Div", [c.inputs.slice(1).reduce((acc, x) => b.op("Add", [acc, x]), c.inputs[0]), b.floats([], [c.inputs.length])]);
    case "Concatenate": return b.op("Concat", c.inputs, { axis: bodyAxis(layer, Number(config.axis ?? -1), c.ranks[0]) });
    case "Rescaling": return b.op("Add", [b.op("Mul", [c.inputs[0], b.floats([], [Number(config.scale)])]), b.floats([], [Number(config.offset ?? 0)])]);
    default: return refuse(layer, "this layer class is not translated to ONNX");
  }
}

/**
 * The ONNX ModelProto of a loaded layers model whose output is the pre-softmax logits (prepareLayersArtifacts), for an
 * input of inputSize² × 3. Nested models and shared layers are refused.
 */
export function translateLayersModel(model: tf.LayersModel, inputSize: number): Uint8Array {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new LayersTranslationError(`the model has ${model.inputs.length} inputs and ${model.outputs.length} outputs (1 and 1 are translated)`);
  }
  const b = new Builder();
  const names = new Map<number, { name: string; rank: number }>();
  const nchw = b.op("Transpose", [INPUT_NAME], { perm: [0, 3, 1, 2] });
  names.set((model.inputs[0] as unknown as Sym).id, { name: nchw, rank: 4 });
  for (const layer of model.layers as LayerInternals[]) {
    if (layer.getClassName() === "InputLayer") continue;
    if (layer instanceof tf.LayersModel) refuse(layer, "nested models are not translated");
    if (layer.inboundNodes.length !== 1) refuse(layer, "a layer applied more than once (shared weights)");
    const [inbound] = layer.inboundNodes;
    const inputs = inbound.inputTensors.map((t) => names.get(t.id) ?? refuse(layer, "an input that is not produced by an earlier layer"));
    const config = layer.getConfig() as Json;
    const out = translateLayer({
      b, layer, config, inputs: inputs.map((i) => i.name), ranks: inputs.map((i) => i.rank), shapes: inbound.inputTensors.map((t) => t.shape), w: () => weightsOf(layer),
    });
    for (const t of inbound.outputTensors) names.set(t.id, { name: out, rank: t.shape.length });
  }
  const logits = names.get((model.outputs[0] as unknown as Sym).id);
  if (!logits) throw new LayersTranslationError("the model's output is not produced by any layer");
  if (logits.rank !== 2) throw new LayersTranslationError(`the model's output has rank ${logits.rank}; logits [N, classes] are translated`);
  b.nodes.push(node("Identity", [logits.name], [LOGITS_NAME], {}, "logits_node"));
  return encodeModel({
    opset: 17,
    inputs: [valueInfo(INPUT_NAME, ONNX_FLOAT, ["batch", inputSize, inputSize, 3])],
    outputs: [valueInfo(LOGITS_NAME, ONNX_FLOAT, ["batch", (model.outputs[0].shape[1] as number) ?? 0])],
    nodes: b.nodes,
    initializers: b.initializers,
  });
}
