/**
 * Every gradient rule against central finite differences of the forward graph, both run by onnxruntime: a tiny model
 * per case (the op under test on a [N,3,H,W] image, then Flatten and a fixed linear head to 4 logits), the raw input
 * gradient of s = Σ logits[i, labels[i]] from the built graph against (s(x + h·e_j) − s(x − h·e_j)) / 2h at sampled
 * coordinates j. Piecewise-linear ops (ReLU, pooling) are exact between kinks, so h is small; float32 rounding of s
 * (≈ 1e-7·|s| / h) bounds the agreement.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/metrics/prng";
import { loadOnnxRuntime } from "@/lib/models/ort/runtime";
import { encodeModel, floatTensor, int64Tensor, node, ONNX_FLOAT, valueInfo } from "../testing/build-model";
import { buildSaliencyGraph, GradientUnsupportedError } from "./build";

type Json = Record<string, unknown>;
/** kinkAtZero: the op's derivative jumps at x = 0 (|x|, ELU with α ≠ 1): coordinates within 10h of it are not sampled. */
type Case = { name: string; size?: number; opset?: number; nodes: Json[]; initializers?: Json[]; h?: number; kinkAtZero?: boolean };

const ort = loadOnnxRuntime();
const CLASSES = 4;
const N = 2;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "gradient-fd-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const rand = (seed: number, n: number, scale = 1) => {
  const r = mulberry32(seed);
  return Array.from({ length: n }, () => (r() * 2 - 1) * scale);
};

function model(c: Case, out: string, extra: { nodes: Json[]; initializers: Json[] } = { nodes: [], initializers: [] }): Uint8Array {
  const size = c.size ?? 8;
  return encodeModel({
    opset: c.opset ?? 17,
    inputs: [valueInfo("x", ONNX_FLOAT, ["batch", 3, size, size])],
    outputs: [valueInfo(out, ONNX_FLOAT, null)],
    initializers: [...(c.initializers ?? []), ...extra.initializers],
    nodes: [...c.nodes, ...extra.nodes],
  });
}

/** The case's body output size per image, measured by onnxruntime, then the model with its linear head. */
async function withHead(c: Case): Promise<Uint8Array> {
  const size = c.size ?? 8;
  const body = await ort.InferenceSession.create(model(c, "y"));
  const x = new ort.Tensor("float32", Float32Array.from(rand(1, N * 3 * size * size)), [N, 3, size, size]);
  const y = (await body.run({ x }))["y"];
  await body.release();
  const features = y.size / N;
  return model(c, "logits", {
    nodes: [node("Flatten", ["y"], ["flat"]), node("Gemm", ["flat", "head_w", "head_b"], ["logits"], { transB: 1 })],
    initializers: [floatTensor("head_w", [CLASSES, features], rand(7, CLASSES * features)), floatTensor("head_b", [CLASSES], [0.1, -0.2, 0.3, 0])],
  });
}

async function check(c: Case): Promise<void> {
  const size = c.size ?? 8;
  const bytes = await withHead(c);
  const graph = await buildSaliencyGraph(bytes, dir, { numClasses: CLASSES, exposeGradient: true });
  const grads = await ort.InferenceSession.create(graph.proto);
  const forward = await ort.InferenceSession.create(bytes);
  const labels = [1, 3];
  const xs = Float32Array.from(rand(11, N * 3 * size * size, 1.5));
  const objective = async (v: Float32Array) => {
    const logits = (await forward.run({ x: new ort.Tensor("float32", v, [N, 3, size, size]) }))["logits"].data as Float32Array;
    return labels.reduce((s, l, i) => s + logits[i * CLASSES + l], 0);
  };
  const out = await grads.run({
    x: new ort.Tensor("float32", xs, [N, 3, size, size]),
    [graph.labelsName]: new ort.Tensor("int64", BigInt64Array.from(labels, BigInt), [N]),
  });
  const g = out[graph.gradientName!].data as Float32Array;
  const saliency = out[graph.saliencyName].data as Float32Array;
  expect(saliency.length).toBe(N * size * size);
  const h = c.h ?? 1e-3;
  const scale = Math.abs(await objective(xs));
  const picks = Array.from(new Set(rand(5, 24).map((v) => Math.floor(Math.abs(v) * xs.length))))
    .filter((j) => !c.kinkAtZero || Math.abs(xs[j]) > 10 * h);
  for (const j of picks) {
    const up = xs.slice();
    const down = xs.slice();
    up[j] += h;
    down[j] -= h;
    const fd = ((await objective(up)) - (await objective(down))) / (2 * h);
    const tolerance = 2e-3 + 1e-2 * Math.abs(fd) + (4e-7 * scale) / h;
    expect(Math.abs(g[j] - fd), `${c.name}: ∂s/∂x[${j}] = ${g[j]}, finite difference ${fd}`).toBeLessThan(tolerance);
  }
  // saliency = max over the three channels of |g|, per pixel
  const plane = size * size;
  for (const p of [0, 5, plane - 1]) {
    expect(saliency[p]).toBeCloseTo(Math.max(...[0, 1, 2].map((ch) => Math.abs(g[ch * plane + p]))), 6);
  }
  await grads.release();
  await forward.release();
}

const w = (name: string, dims: number[], seed: number, scale = 0.5) => floatTensor(name, dims, rand(seed, dims.reduce((a, b) => a * b, 1), scale));
const ints = (name: string, values: number[]) => int64Tensor(name, [values.length], values);

const CASES: Case[] = [
  { name: "Conv 3×3 stride 2 pad 1 (ConvTranspose path)", nodes: [node("Conv", ["x", "cw", "cb"], ["y"], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] })], initializers: [w("cw", [5, 3, 3, 3], 2), w("cb", [5], 3)] },
  { name: "Conv stride 1, dilation 2, groups 3 (flipped-weights path)", nodes: [node("Conv", ["x", "cw"], ["y"], { kernel_shape: [3, 3], dilations: [2, 2], pads: [2, 2, 2, 2], group: 3 })], initializers: [w("cw", [6, 1, 3, 3], 4)] },
  { name: "Conv asymmetric pads, stride 1", nodes: [node("Conv", ["x", "cw"], ["y"], { kernel_shape: [2, 3], pads: [0, 1, 1, 0] })], initializers: [w("cw", [4, 3, 2, 3], 5)] },
  { name: "Conv auto_pad SAME_UPPER, even kernel, stride 2", nodes: [node("Conv", ["x", "cw"], ["y"], { kernel_shape: [4, 4], strides: [2, 2], auto_pad: "SAME_UPPER" })], initializers: [w("cw", [4, 3, 4, 4], 6)] },
  { name: "Conv 1×1 stride 2 on an odd size (output_padding)", size: 7, nodes: [node("Conv", ["x", "cw"], ["y"], { kernel_shape: [1, 1], strides: [2, 2] })], initializers: [w("cw", [4, 3, 1, 1], 7)] },
  { name: "MaxPool 3×3 stride 2 pad 1 (overlapping windows add up)", nodes: [node("MaxPool", ["x"], ["y"], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] })] },
  { name: "MaxPool 2×2 ceil_mode on 7×7", size: 7, nodes: [node("MaxPool", ["x"], ["y"], { kernel_shape: [2, 2], strides: [2, 2], ceil_mode: 1 })] },
  { name: "AveragePool 3×3 stride 2 pad 1, pads not counted", nodes: [node("AveragePool", ["x"], ["y"], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] })] },
  { name: "AveragePool with count_include_pad and ceil_mode", size: 7, nodes: [node("AveragePool", ["x"], ["y"], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], count_include_pad: 1, ceil_mode: 1 })] },
  { name: "GlobalAveragePool", nodes: [node("GlobalAveragePool", ["x"], ["y"])] },
  { name: "Relu, Clip(0, 6) and LeakyRelu", nodes: [node("Relu", ["x"], ["a"]), node("LeakyRelu", ["x"], ["b"], { alpha: { float: 0.1 } }), node("Mul", ["x", "six"], ["x6"]), node("Clip", ["x6", "zero", "six"], ["c"]), node("Concat", ["a", "b", "c"], ["y"], { axis: 1 })], initializers: [floatTensor("zero", [], [0]), floatTensor("six", [], [6])] },
  ...["Sigmoid", "Tanh", "Erf", "Softplus", "Exp", "Neg", "Abs"].map((op): Case => ({ name: op, h: 1e-2, kinkAtZero: op === "Abs", nodes: [node(op, ["x"], ["y"])] })),
  { name: "Elu", h: 1e-2, kinkAtZero: true, nodes: [node("Elu", ["x"], ["y"], { alpha: { float: 0.7 } })] },
  { name: "Log", h: 1e-2, kinkAtZero: true, nodes: [node("Abs", ["x"], ["a"]), node("Add", ["a", "one"], ["b"]), node("Log", ["b"], ["y"])], initializers: [floatTensor("one", [], [1])] },
  { name: "HardSigmoid and HardSwish", nodes: [node("Mul", ["x", "three"], ["x3"]), node("HardSigmoid", ["x3"], ["a"]), node("HardSwish", ["x3"], ["b"]), node("Concat", ["a", "b"], ["y"], { axis: 1 })], initializers: [floatTensor("three", [], [3])] },
  { name: "squeeze-excitation: x · sigmoid(mean over H, W) (broadcast Mul, ReduceMean)", h: 1e-2, nodes: [node("ReduceMean", ["x"], ["m"], { axes: [2, 3], keepdims: 1 }), node("Sigmoid", ["m"], ["s"]), node("Mul", ["x", "s"], ["y"])] },
  { name: "Div and Sub with both operands on the path, Sqrt, Pow, Reciprocal", h: 1e-2, nodes: [node("Mul", ["x", "x"], ["x2"]), node("Add", ["x2", "one"], ["d"]), node("Div", ["x", "d"], ["q"]), node("Sqrt", ["d"], ["r"]), node("Pow", ["x", "two"], ["p"]), node("Reciprocal", ["d"], ["inv"]), node("ReduceMean", ["q"], ["qm"], { axes: [1], keepdims: 1 }), node("Sub", ["q", "qm"], ["qs"]), node("Concat", ["qs", "r", "p", "inv"], ["y"], { axis: 1 })], initializers: [floatTensor("one", [], [1]), floatTensor("two", [], [2])] },
  { name: "BatchNormalization", nodes: [node("BatchNormalization", ["x", "g", "b", "mu", "var"], ["y"], { epsilon: { float: 1e-3 } })], initializers: [floatTensor("g", [3], [0.5, -1.2, 2]), floatTensor("b", [3], [0.1, 0, -0.3]), floatTensor("mu", [3], [0.2, -0.1, 0]), floatTensor("var", [3], [1.5, 0.3, 2.2])] },
  { name: "LayerNormalization over the last axis", h: 1e-2, nodes: [node("LayerNormalization", ["x", "g", "b"], ["y"], { axis: -1, epsilon: { float: 1e-5 } })], initializers: [w("g", [8], 8, 1), w("b", [8], 9)] },
  { name: "InstanceNormalization", h: 1e-2, nodes: [node("InstanceNormalization", ["x", "g", "b"], ["y"])], initializers: [floatTensor("g", [3], [1, -0.5, 2]), floatTensor("b", [3], [0, 0.1, 0.2])] },
  { name: "Softmax and LogSoftmax over channels", h: 1e-2, nodes: [node("Softmax", ["x"], ["a"], { axis: 1 }), node("LogSoftmax", ["x"], ["b"], { axis: 1 }), node("Concat", ["a", "b"], ["y"], { axis: 1 })] },
  { name: "Softmax at opset 11 (flattened axes from `axis`)", opset: 11, h: 1e-2, nodes: [node("Softmax", ["x"], ["y"], { axis: 2 })] },
  { name: "Transpose, Reshape, Flatten", nodes: [node("Transpose", ["x"], ["t"], { perm: [0, 2, 3, 1] }), node("Reshape", ["t", "shape"], ["r"]), node("Relu", ["r"], ["y"])], initializers: [ints("shape", [0, -1, 3])] },
  { name: "Split with an unused part, and Concat", nodes: [node("Split", ["x", "parts"], ["s1", "s2"], { axis: 1 }), node("Relu", ["s2"], ["r"]), node("Concat", ["r", "x"], ["y"], { axis: 1 })], initializers: [ints("parts", [1, 2])] },
  { name: "Slice with steps 1 and 2, negative start", nodes: [node("Slice", ["x", "st", "en", "ax", "sp"], ["y"])], initializers: [ints("st", [1, -7]), ints("en", [7, 8]), ints("ax", [2, 3]), ints("sp", [1, 2])] },
  { name: "Slice with negative steps (torch.flip of the channels, x[:, :, 6:0:-2], start past the end)", nodes: [node("Slice", ["x", "st", "en", "ax", "sp"], ["y"])], initializers: [ints("st", [-1, 6, 100]), ints("en", [-100, 0, -100]), ints("ax", [1, 2, 3]), ints("sp", [-1, -2, -3])] },
  { name: "Slice with a negative step after a positive one on another axis, then Relu", nodes: [node("Slice", ["x", "st", "en", "ax", "sp"], ["s"]), node("Relu", ["s"], ["y"])], initializers: [ints("st", [1, 7]), ints("en", [8, 2]), ints("ax", [2, 3]), ints("sp", [3, -1])] },
  { name: "Pad (constant)", nodes: [node("Pad", ["x", "pads"], ["y"])], initializers: [ints("pads", [0, 0, 1, 2, 0, 0, 2, 1])] },
  { name: "Gather of one row (ViT's class token)", nodes: [node("Gather", ["x", "idx"], ["y"], { axis: 2 })], initializers: [int64Tensor("idx", [], [3])] },
  { name: "MatMul with both operands on the path (attention scores)", h: 1e-2, nodes: [node("Reshape", ["x", "shape"], ["r"]), node("Transpose", ["r"], ["rt"], { perm: [0, 2, 1] }), node("MatMul", ["r", "rt"], ["y"])], initializers: [ints("shape", [0, 3, -1])] },
  { name: "Gemm with the image operand transposed", nodes: [node("Flatten", ["x"], ["f"]), node("Transpose", ["f"], ["ft"], { perm: [1, 0] }), node("Gemm", ["ft", "gw"], ["y"], { transA: 1, alpha: { float: 0.5 } })], initializers: [w("gw", [192, 5], 10)] },
  { name: "Where with a constant condition, Max and Min", nodes: [node("Where", ["cond", "x", "negx"], ["a"]), node("Neg", ["x"], ["negx"]), node("Max", ["x", "half"], ["b"]), node("Min", ["x", "negx"], ["c"]), node("Concat", ["a", "b", "c"], ["y"], { axis: 1 })].sort((p) => (p.opType === "Neg" ? -1 : 0)), initializers: [{ name: "cond", dims: [8], dataType: 9, rawData: Uint8Array.from([1, 0, 1, 1, 0, 0, 1, 0]) }, floatTensor("half", [], [0.5])] },
];

describe("gradient rules against finite differences (onnxruntime both ways)", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    await check(c);
  }, 60_000);

  it("refuses a graph with an op that has no rule on the path, naming the node, and ignores such ops off the path", async () => {
    const tile = { name: "Tile", nodes: [node("Tile", ["x", "reps"], ["y"], {}, "my_tile")], initializers: [ints("reps", [1, 1, 1, 1])] };
    await expect(buildSaliencyGraph(await withHead(tile), dir, { numClasses: CLASSES })).rejects.toThrow(GradientUnsupportedError);
    await expect(buildSaliencyGraph(await withHead(tile), dir, { numClasses: CLASSES })).rejects.toThrow(/Tile \(node "my_tile": no gradient rule for this op\)/);
    // The same op on a constant (not image-dependent) branch needs no rule.
    const offPath = { name: "off", nodes: [node("Tile", ["bias", "reps"], ["tb"]), node("Add", ["x", "tb"], ["y"])], initializers: [ints("reps", [1, 1, 1, 1]), w("bias", [1, 3, 8, 8], 12)] };
    await check(offPath);
  }, 60_000);
});
