import * as tf from "@tensorflow/tfjs";
import { attrFloat, attrInt, attrInts, ints, normAxis, unsupported, type OpFn } from "./types";

const unary = (f: (x: tf.Tensor) => tf.Tensor): OpFn => ([x]) => [f(x!)];
/** ONNX broadcasting is numpy's, as tfjs's; int tensors stay int32. */
const binary = (f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor): OpFn => ([a, b]) => [f(a!, b!)];

function hardSigmoid(x: tf.Tensor, alpha: number, beta: number): tf.Tensor {
  return tf.clipByValue(tf.add(tf.mul(x, alpha), beta), 0, 1);
}

function softmaxAxis(x: tf.Tensor, axis: number, log: boolean): tf.Tensor {
  const m = tf.max(x, axis, true);
  const z = tf.sub(x, m);
  const lse = tf.log(tf.sum(tf.exp(z), axis, true));
  return log ? tf.sub(z, lse) : tf.exp(tf.sub(z, lse));
}

function softmaxOp(log: boolean): OpFn {
  return ([x], node, ctx) => {
    const rank = x!.rank;
    if (ctx.opset >= 13) return [softmaxAxis(x!, normAxis(attrInt(node, "axis", -1), rank), log)];
    // Opset < 13: the input is coerced to 2-D at `axis` (default 1).
    const axis = normAxis(attrInt(node, "axis", 1), rank);
    const outer = x!.shape.slice(0, axis).reduce((a, b) => a * b, 1);
    const flat = tf.reshape(x!, [outer, -1]);
    return [tf.reshape(softmaxAxis(flat, 1, log), x!.shape)];
  };
}

function reduce(kind: "mean" | "sum" | "max" | "min" | "prod"): OpFn {
  return ([x, axesIn], node, ctx) => {
    const fromInput = kind === "sum" ? ctx.opset >= 13 : ctx.opset >= 18;
    let axes = fromInput ? ints(axesIn) : attrInts(node, "axes");
    const keep = attrInt(node, "keepdims", 1) === 1;
    if (!axes || axes.length === 0) {
      if (attrInt(node, "noop_with_empty_axes", 0) === 1) return [tf.clone(x!)];
      axes = x!.shape.map((_, i) => i);
    }
    axes = axes.map((a) => normAxis(a, x!.rank));
    const f = { mean: tf.mean, sum: tf.sum, max: tf.max, min: tf.min, prod: tf.prod }[kind];
    return [f(x!, axes, keep)];
  };
}

function clip(): OpFn {
  return ([x, lo, hi], node, ctx) => {
    let y = x!;
    if (ctx.opset < 11) {
      const a = node.attrs.get("min")?.f;
      const b = node.attrs.get("max")?.f;
      if (a != null) y = tf.maximum(y, a);
      if (b != null) y = tf.minimum(y, b);
      return [y === x ? tf.clone(x!) : y];
    }
    const l = lo ? lo.dataSync()[0] : undefined;
    const h = hi ? hi.dataSync()[0] : undefined;
    // ReLU6 (torchvision's MobileNets export it as Clip(0, 6)): same values; its gradient (lib/tf) takes half the
    // kernels of ClipByValue's, and at x = 0 it is 0 as in PyTorch's hardtanh_backward.
    if (l === 0 && h === 6 && x!.dtype === "float32") return [tf.relu6(x!)];
    if (l != null && h != null && Number.isFinite(l) && Number.isFinite(h)) return [tf.clipByValue(x!, l, h)];
    if (l != null) y = tf.maximum(y, lo!);
    if (h != null) y = tf.minimum(y, hi!);
    return [y === x ? tf.clone(x!) : y];
  };
}

function variadic(f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor): OpFn {
  return (xs) => {
    let acc = xs[0]!;
    for (const t of xs.slice(1)) acc = f(acc, t!);
    return [xs.length === 1 ? tf.clone(acc) : acc];
  };
}

export const elementwiseOps: Record<string, OpFn> = {
  Relu: unary((x) => tf.relu(x)),
  LeakyRelu: ([x], n) => [tf.leakyRelu(x!, attrFloat(n, "alpha", 0.01))],
  Elu: ([x], n) => {
    const a = attrFloat(n, "alpha", 1);
    return [a === 1 ? tf.elu(x!) : tf.where(tf.greater(x!, 0), x!, tf.mul(a, tf.sub(tf.exp(x!), 1)))];
  },
  Sigmoid: unary((x) => tf.sigmoid(x)),
  HardSigmoid: ([x], n) => [hardSigmoid(x!, attrFloat(n, "alpha", 0.2), attrFloat(n, "beta", 0.5))],
  HardSwish: unary((x) => tf.mul(x, hardSigmoid(x, 1 / 6, 0.5))),
  Tanh: unary((x) => tf.tanh(x)),
  Erf: unary((x) => tf.erf(x)),
  Sqrt: unary((x) => tf.sqrt(x)),
  Exp: unary((x) => tf.exp(x)),
  Log: unary((x) => tf.log(x)),
  Neg: unary((x) => tf.neg(x)),
  Abs: unary((x) => tf.abs(x)),
  Reciprocal: unary((x) => tf.reciprocal(x)),
  Floor: unary((x) => tf.floor(x)),
  Ceil: unary((x) => tf.ceil(x)),
  Softplus: unary((x) => tf.softplus(x)),
  Identity: unary((x) => tf.clone(x)),
  Clip: clip(),
  Add: binary((a, b) => tf.add(a, b)),
  Sub: binary((a, b) => tf.sub(a, b)),
  Mul: binary((a, b) => tf.mul(a, b)),
  // ONNX integer division truncates toward zero (C), not floor.
  Div: binary((a, b) => (a.dtype === "int32" && b.dtype === "int32" ? tf.cast(tf.div(tf.cast(a, "float32"), tf.cast(b, "float32")), "int32") : tf.div(a, b))),
  Pow: binary((a, b) => tf.pow(a, b.dtype === a.dtype ? b : tf.cast(b, a.dtype))),
  Max: variadic((a, b) => tf.maximum(a, b)),
  Min: variadic((a, b) => tf.minimum(a, b)),
  Sum: variadic((a, b) => tf.add(a, b)),
  Mean: (xs) => [tf.div(xs.slice(1).reduce<tf.Tensor>((a, b) => tf.add(a, b!), xs[0]!), xs.length)],
  Softmax: softmaxOp(false),
  LogSoftmax: softmaxOp(true),
  ReduceMean: reduce("mean"),
  ReduceSum: reduce("sum"),
  ReduceMax: reduce("max"),
  ReduceMin: reduce("min"),
  ReduceProd: reduce("prod"),
  Dropout: ([x, ratio, training], node) => {
    const p = ratio ? ratio.dataSync()[0] : 0.5;
    if (training && training.dataSync()[0] && p > 0) unsupported(node, "training_mode = true with ratio > 0 (random masks)");
    return [tf.clone(x!), tf.onesLike(x!).cast("bool")];
  },
};
