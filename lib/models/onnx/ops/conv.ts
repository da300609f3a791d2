/**
 * Conv, pooling and normalisation ops. Tensors are in ONNX's NCHW layout here; each conv/pool call transposes
 * to NHWC and back. The executor skips those transposes between 2-D convolutions and elementwise ops (ops/layout.ts).
 */
import * as tf from "@tensorflow/tfjs";
import { attrFloat, attrInt, attrInts, attrStr, normAxis, unsupported, type OpCtx, type OpFn } from "./types";
import type { OnnxNode } from "../read";

const toNHWC = (x: tf.Tensor): tf.Tensor4D => tf.transpose(x, [0, 2, 3, 1]) as tf.Tensor4D;
const toNCHW = (x: tf.Tensor): tf.Tensor4D => tf.transpose(x, [0, 3, 1, 2]) as tf.Tensor4D;

type Pads = { t: number; l: number; b: number; r: number };

/** Explicit pads [top, left, bottom, right] from `pads` or `auto_pad`. */
function pads2d(node: OnnxNode, h: number, w: number, k: [number, number], s: [number, number], d: [number, number]): Pads {
  const auto = attrStr(node, "auto_pad", "NOTSET");
  if (auto === "SAME_UPPER" || auto === "SAME_LOWER") {
    const one = (size: number, kk: number, ss: number, dd: number): [number, number] => {
      const out = Math.ceil(size / ss);
      const total = Math.max(0, (out - 1) * ss + (kk - 1) * dd + 1 - size);
      const small = Math.floor(total / 2);
      return auto === "SAME_UPPER" ? [small, total - small] : [total - small, small];
    };
    const [t, b] = one(h, k[0], s[0], d[0]);
    const [l, r] = one(w, k[1], s[1], d[1]);
    return { t, l, b, r };
  }
  if (auto === "VALID") return { t: 0, l: 0, b: 0, r: 0 };
  const p = attrInts(node, "pads") ?? [0, 0, 0, 0];
  return { t: p[0] ?? 0, l: p[1] ?? 0, b: p[2] ?? 0, r: p[3] ?? 0 };
}

/** 1-D convs/pools run as 2-D with H = 1. */
function as2d(x: tf.Tensor, node: OnnxNode): { x4: tf.Tensor; oneD: boolean } {
  if (x.rank === 3) return { x4: tf.expandDims(x, 2), oneD: true };
  if (x.rank !== 4) unsupported(node, `a ${x.rank - 2}-D input (only 1-D and 2-D)`);
  return { x4: x, oneD: false };
}
function spatial(node: OnnxNode, name: string, oneD: boolean, dflt: number): [number, number] {
  const v = attrInts(node, name);
  if (!v || v.length === 0) return [dflt, dflt];
  return oneD ? [1, v[0]] : [v[0], v[1]];
}
function padsFor(node: OnnxNode, oneD: boolean, h: number, w: number, k: [number, number], s: [number, number], d: [number, number]): Pads {
  if (!oneD) return pads2d(node, h, w, k, s, d);
  const auto = attrStr(node, "auto_pad", "NOTSET");
  if (auto !== "NOTSET") {
    const p = pads2d(node, h, w, k, s, d);
    return { t: 0, b: 0, l: p.l, r: p.r };
  }
  const p = attrInts(node, "pads") ?? [0, 0];
  return { t: 0, b: 0, l: p[0] ?? 0, r: p[1] ?? 0 };
}

/**
 * A 2-D Conv on an NHWC input, giving NHWC (the executor keeps tensors NHWC between convolutions and elementwise
 * ops, see ops/layout.ts). `w` is ONNX's [out, in / group, kh, kw] filter.
 */
export function convNHWC(xn: tf.Tensor4D, w4: tf.Tensor, bias: tf.Tensor | undefined, node: OnnxNode, ctx: OpCtx, oneD = false): tf.Tensor4D {
  const [, h, wd, cin] = xn.shape;
  const [cout, cinPerGroup, kh, kw] = w4.shape;
  const group = attrInt(node, "group", 1);
  const k: [number, number] = [kh, kw];
  const s = spatial(node, "strides", oneD, 1);
  const d = spatial(node, "dilations", oneD, 1);
  const p = padsFor(node, oneD, h, wd, k, s, d);
  // Explicit pads go into the convolution itself (no padded copy forward, no Slice in the gradient); the
  // input-gradient kernels of lib/tf/conv-backprop.ts read them from the kernel's pad attribute.
  const pad: "valid" | tf.backend_util.ExplicitPadding = p.t || p.b || p.l || p.r ? [[0, 0], [p.t, p.b], [p.l, p.r], [0, 0]] : "valid";
  const dil = d[0] > 1 || d[1] > 1 ? d : undefined;
  let y: tf.Tensor4D;
  const key = `${node.name}:${node.inputs[1]}`;
  const memo = (k: string, fn: () => tf.Tensor) => (ctx.isConst(node.inputs[1]) ? ctx.memo(k, fn) : fn());
  if (group === 1) {
    const f = memo(`${key}:hwio`, () => tf.transpose(w4, [2, 3, 1, 0])) as tf.Tensor4D;
    y = tf.conv2d(xn, f, s, pad, "NHWC", dil);
  } else if (group === cin && cinPerGroup === 1) {
    const mult = cout / cin;
    const f = memo(`${key}:dw`, () => tf.reshape(tf.transpose(w4, [2, 3, 0, 1]), [kh, kw, cin, mult])) as tf.Tensor4D;
    y = tf.depthwiseConv2d(xn, f, s, pad, "NHWC", dil);
  } else {
    const xs = tf.split(xn, group, 3);
    const outs = xs.map((xg, g) => {
      const f = memo(`${key}:g${g}`, () => tf.transpose(tf.slice(w4, [g * (cout / group), 0, 0, 0], [cout / group, cinPerGroup, kh, kw]), [2, 3, 1, 0])) as tf.Tensor4D;
      return tf.conv2d(xg as tf.Tensor4D, f, s, pad, "NHWC", dil);
    });
    y = tf.concat(outs, 3) as tf.Tensor4D;
  }
  if (bias) y = tf.add(y, bias) as tf.Tensor4D;
  return y;
}

const conv: OpFn = ([x, w, bias], node, ctx) => {
  const { x4, oneD } = as2d(x!, node);
  const w4 = oneD ? tf.expandDims(w!, 2) : w!;
  let out: tf.Tensor = toNCHW(convNHWC(toNHWC(x4), w4, bias, node, ctx, oneD));
  if (oneD) out = tf.squeeze(out, [2]);
  return [out];
};

/** Extra bottom/right padding so that ceil_mode gives ceil((in + pads - k) / s) + 1 outputs. */
function ceilExtra(size: number, padBegin: number, padEnd: number, k: number, s: number, ceil: boolean): number {
  if (!ceil) return 0;
  const padTotal = padBegin + padEnd;
  const outFloor = Math.floor((size + padTotal - k) / s) + 1;
  let outCeil = Math.ceil((size + padTotal - k) / s) + 1;
  // A window must start inside the input or its begin padding.
  if (outCeil > outFloor && (outCeil - 1) * s >= size + padBegin) outCeil -= 1;
  return Math.max(0, (outCeil - 1) * s + k - (size + padTotal));
}

function pool(kind: "max" | "avg"): OpFn {
  return ([x], node) => {
    const { x4, oneD } = as2d(x!, node);
    if (node.outputs[1]) unsupported(node, "the Indices output");
    if (attrInt(node, "storage_order", 0) !== 0) unsupported(node, "storage_order = 1");
    const [, , h, w] = x4.shape;
    const k = spatial(node, "kernel_shape", oneD, 1);
    const s = spatial(node, "strides", oneD, 1);
    const d = spatial(node, "dilations", oneD, 1);
    if (d[0] !== 1 || d[1] !== 1) unsupported(node, `dilations [${d}]`);
    const p = padsFor(node, oneD, h, w, k, s, d);
    const ceil = attrInt(node, "ceil_mode", 0) === 1;
    const eb = ceilExtra(h, p.t, p.b, k[0], s[0], ceil);
    const er = ceilExtra(w, p.l, p.r, k[1], s[1], ceil);
    const padSpec: [number, number][] = [[0, 0], [p.t, p.b + eb], [p.l, p.r + er], [0, 0]];
    const padded = p.t || p.l || p.b + eb || p.r + er;
    let xn = toNHWC(x4);
    let y: tf.Tensor4D;
    if (kind === "max") {
      if (padded) xn = tf.pad(xn, padSpec, -3.4e38);
      y = tf.maxPool(xn, k, s, "valid");
    } else {
      const includePad = attrInt(node, "count_include_pad", 0) === 1;
      if (!padded) {
        y = tf.avgPool(xn, k, s, "valid");
      } else {
        const sum = tf.mul(tf.avgPool(tf.pad(xn, padSpec), k, s, "valid"), k[0] * k[1]);
        // Count of cells per window: the input, plus explicit pads if count_include_pad (never the ceil_mode extra).
        const ones = tf.ones([1, h, w, 1]);
        const mask = includePad
          ? tf.pad(tf.pad(ones, [[0, 0], [p.t, p.b], [p.l, p.r], [0, 0]], 1), [[0, 0], [0, eb], [0, er], [0, 0]])
          : tf.pad(ones, padSpec);
        const count = tf.mul(tf.avgPool(mask as tf.Tensor4D, k, s, "valid"), k[0] * k[1]);
        y = tf.div(sum, count) as tf.Tensor4D;
      }
    }
    let out: tf.Tensor = toNCHW(y);
    if (oneD) out = tf.squeeze(out, [2]);
    return [out];
  };
}

const globalPool = (kind: "avg" | "max"): OpFn => ([x]) => {
  const axes = x!.shape.map((_, i) => i).slice(2);
  return [kind === "avg" ? tf.mean(x!, axes, true) : tf.max(x!, axes, true)];
};

/** Per-channel vector reshaped to broadcast over NCHW (channel axis 1). */
const chan = (v: tf.Tensor, rank: number): tf.Tensor => tf.reshape(v, [1, -1, ...new Array(Math.max(0, rank - 2)).fill(1)]);

const batchNorm: OpFn = ([x, scale, b, mean, variance], node, ctx) => {
  if (attrInt(node, "training_mode", 0) === 1 || node.outputs.length > 1) unsupported(node, "training_mode = 1 (batch statistics)");
  const eps = attrFloat(node, "epsilon", 1e-5);
  const key = `${node.name}:bn`;
  const folded = node.inputs.slice(1).every((n) => ctx.isConst(n));
  const memo = (k: string, fn: () => tf.Tensor) => (folded ? ctx.memo(k, fn) : fn());
  const a = memo(`${key}:a`, () => tf.div(scale!, tf.sqrt(tf.add(variance!, eps))));
  const c = memo(`${key}:c`, () => tf.sub(b!, tf.mul(mean!, a)));
  return [tf.add(tf.mul(x!, chan(a, x!.rank)), chan(c, x!.rank))];
};

const instanceNorm: OpFn = ([x, scale, b], node) => {
  const eps = attrFloat(node, "epsilon", 1e-5);
  const axes = x!.shape.map((_, i) => i).slice(2);
  const { mean, variance } = tf.moments(x!, axes, true);
  const y = tf.div(tf.sub(x!, mean), tf.sqrt(tf.add(variance, eps)));
  return [tf.add(tf.mul(y, chan(scale!, x!.rank)), chan(b!, x!.rank))];
};

const layerNorm: OpFn = ([x, scale, b], node) => {
  const eps = attrFloat(node, "epsilon", 1e-5);
  const axis = normAxis(attrInt(node, "axis", -1), x!.rank);
  const axes = x!.shape.map((_, i) => i).slice(axis);
  const mean = tf.mean(x!, axes, true);
  const xc = tf.sub(x!, mean);
  const variance = tf.mean(tf.square(xc), axes, true);
  const invStd = tf.rsqrt(tf.add(variance, eps));
  let y = tf.mul(xc, invStd);
  y = tf.mul(y, scale!);
  if (b) y = tf.add(y, b);
  return [y, mean, invStd];
};

export const convOps: Record<string, OpFn> = {
  Conv: conv,
  MaxPool: pool("max"),
  AveragePool: pool("avg"),
  GlobalAveragePool: globalPool("avg"),
  GlobalMaxPool: globalPool("max"),
  BatchNormalization: batchNorm,
  InstanceNormalization: instanceNorm,
  LayerNormalization: layerNorm,
};
