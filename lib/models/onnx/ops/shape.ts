/** Shape and data-movement ops. Integer tensors (ONNX int64) are int32 tfjs tensors. */
import * as tf from "@tensorflow/tfjs";
import { DT, dtypeName, type ConstTensor } from "../read";
import { transposeFast } from "./transpose";
import { attrInt, attrInts, attrStr, ints, normAxis, unsupported, type OpFn } from "./types";

export function constToTensor(c: ConstTensor): tf.Tensor {
  if (c.data instanceof Float32Array) return tf.tensor(c.data, c.dims, "float32");
  if (c.dataType === DT.BOOL) return tf.tensor(c.data.map((v) => (v ? 1 : 0)), c.dims, "bool");
  // int64 sentinels (Slice ends of ±2^63 for "to the end") must saturate, not wrap, in int32.
  return tf.tensor(Int32Array.from(c.data, (v) => Math.max(-2147483648, Math.min(2147483647, v))), c.dims, "int32");
}

const tfDtype = (onnx: number): tf.DataType => {
  if (onnx === DT.FLOAT || onnx === DT.FLOAT16 || onnx === DT.DOUBLE) return "float32";
  if (onnx === DT.BOOL) return "bool";
  return "int32";
};

/** bfloat16 and strings would need their own rounding and parsing; float16 and double compute as float32. */
const CASTABLE = new Set<number>([DT.FLOAT, DT.FLOAT16, DT.DOUBLE, DT.INT8, DT.UINT8, DT.INT16, DT.UINT16, DT.INT32, DT.INT64, DT.UINT32, DT.UINT64, DT.BOOL]);

function reshapeTo(x: tf.Tensor, shape: number[], allowZero: boolean): tf.Tensor {
  const target = shape.map((d, i) => (d === 0 && !allowZero ? x.shape[i] : d));
  return tf.reshape(x, target);
}

function unsqueeze(x: tf.Tensor, axesRaw: number[]): tf.Tensor {
  const rank = x.rank + axesRaw.length;
  const axes = new Set(axesRaw.map((a) => normAxis(a, rank)));
  const shape: number[] = [];
  let j = 0;
  for (let i = 0; i < rank; i++) shape.push(axes.has(i) ? 1 : x.shape[j++]);
  return tf.reshape(x, shape);
}

export function broadcastShape(a: number[], b: number[]): number[] {
  const r = Math.max(a.length, b.length);
  const pa = [...new Array(r - a.length).fill(1), ...a];
  const pb = [...new Array(r - b.length).fill(1), ...b];
  return pa.map((v, i) => (v === 1 ? pb[i] : v));
}

/**
 * Slice with numpy clamping. Unit steps are one tf.slice; other steps gather the indices (tfjs's stridedSlice has
 * no gradient, and Swin's patch merging slices with step 2).
 */
const slice: OpFn = ([x, startsT, endsT, axesT, stepsT], node, ctx) => {
  const rank = x!.rank;
  const starts = ctx.opset >= 10 ? ints(startsT)! : attrInts(node, "starts")!;
  const ends = ctx.opset >= 10 ? ints(endsT)! : attrInts(node, "ends")!;
  const axes = (ctx.opset >= 10 ? ints(axesT) : attrInts(node, "axes")) ?? starts.map((_, i) => i);
  const steps = (ctx.opset >= 10 ? ints(stepsT) : undefined) ?? starts.map(() => 1);
  const begin = new Array(rank).fill(0);
  const size = [...x!.shape];
  const gathers: [number, number[]][] = [];
  axes.forEach((a0, i) => {
    const a = normAxis(a0, rank);
    const dim = x!.shape[a];
    const st = steps[i];
    if (st === 0) throw new Error(`Slice "${node.name}": step 0`);
    let s = starts[i] < 0 ? starts[i] + dim : starts[i];
    let e = ends[i] < 0 ? ends[i] + dim : ends[i];
    if (st > 0) {
      s = Math.min(Math.max(s, 0), dim);
      e = Math.min(Math.max(e, 0), dim);
    } else {
      s = Math.min(Math.max(s, 0), dim - 1);
      e = Math.min(Math.max(e, -1), dim - 1);
    }
    if (st === 1) {
      begin[a] = s;
      size[a] = Math.max(0, e - s);
      return;
    }
    const idx: number[] = [];
    for (let k = s; st > 0 ? k < e : k > e; k += st) idx.push(k);
    gathers.push([a, idx]);
  });
  if (size.some((d) => d === 0) || gathers.some(([, idx]) => idx.length === 0)) {
    const shape = [...size];
    for (const [a, idx] of gathers) shape[a] = idx.length;
    return [tf.zeros(shape, x!.dtype)];
  }
  let y = size.every((d, i) => d === x!.shape[i]) ? x! : tf.slice(x!, begin, size);
  for (const [a, idx] of gathers) y = takeEvery(y, a, idx[0], idx[1] - idx[0] || 1, idx.length);
  return [y === x ? tf.clone(x!) : y];
};

/**
 * n elements from `start` every `step` along `axis`, with slice/pad/reshape only (their gradients are cheap; a gather's
 * is an UnsortedSegmentSum, which wasm runs on the cpu kernel).
 */
function takeEvery(x: tf.Tensor, axis: number, start: number, step: number, n: number): tf.Tensor {
  const dim = x.shape[axis];
  const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  // Rank 3/4 views throughout: wasm slices rank ≥ 5 element by element (300 ms on one Swin tensor).
  let y = tf.reshape(x, [outer, dim, inner]);
  if (step < 0) {
    y = tf.reverse(y, [1]);
    start = dim - 1 - start;
    step = -step;
  }
  const take = Math.min(n * step, dim - start);
  y = tf.slice(y, [0, start, 0], [outer, take, inner]);
  if (take < n * step) y = tf.pad(y, [[0, 0], [0, n * step - take], [0, 0]]);
  y = tf.slice(tf.reshape(y, [outer, n, step, inner]), [0, 0, 0, 0], [outer, n, 1, inner]);
  return tf.reshape(y, x.shape.map((d, i) => (i === axis ? n : d)));
}

const split: OpFn = ([x, splitT], node, ctx) => {
  const axis = normAxis(attrInt(node, "axis", 0), x!.rank);
  let sizes = ctx.opset >= 13 ? ints(splitT) : attrInts(node, "split");
  if (!sizes || sizes.length === 0) {
    const n = ctx.opset >= 18 && node.attrs.has("num_outputs") ? attrInt(node, "num_outputs", 1) : node.outputs.length;
    const dim = x!.shape[axis];
    const each = Math.ceil(dim / n);
    sizes = Array.from({ length: n }, (_, i) => Math.min(each, dim - each * i));
  }
  return tf.split(x!, sizes, axis);
};

const pad: OpFn = ([x, padsT, valueT, axesT], node, ctx) => {
  const mode = attrStr(node, "mode", "constant");
  const raw = ctx.opset >= 11 ? ints(padsT)! : attrInts(node, "pads")!;
  const value = ctx.opset >= 11 ? (valueT ? valueT.dataSync()[0] : 0) : (node.attrs.get("value")?.f ?? 0);
  const rank = x!.rank;
  const axes = (axesT ? ints(axesT)! : Array.from({ length: rank }, (_, i) => i)).map((a) => normAxis(a, rank));
  const spec: [number, number][] = Array.from({ length: rank }, () => [0, 0]);
  axes.forEach((a, i) => { spec[a] = [raw[i], raw[i + axes.length]]; });
  if (spec.some(([a, b]) => a < 0 || b < 0)) throw new Error(`Pad "${node.name}": negative pads are not supported`);
  if (mode === "constant") return [tf.pad(x!, spec, value)];
  if (mode === "reflect") return [tf.mirrorPad(x!, spec, "reflect")];
  if (mode === "edge") {
    let y = x!;
    spec.forEach(([b, e], a) => {
      if (!b && !e) return;
      const one = y.shape.map((d, i) => (i === a ? 1 : d));
      const rep = (n: number) => y.shape.map((_, i) => (i === a ? n : 1));
      const parts: tf.Tensor[] = [];
      if (b) parts.push(tf.tile(tf.slice(y, y.shape.map(() => 0), one), rep(b)));
      parts.push(y);
      if (e) parts.push(tf.tile(tf.slice(y, y.shape.map((d, i) => (i === a ? d - 1 : 0)), one), rep(e)));
      y = tf.concat(parts, a);
    });
    return [y];
  }
  throw new Error(`Pad "${node.name}": mode "${mode}" is not supported`);
};

export const shapeOps: Record<string, OpFn> = {
  Constant: (_i, node) => {
    const a = node.attrs;
    if (a.get("value")?.t) return [constToTensor(a.get("value")!.t!)];
    if (a.has("value_float")) return [tf.scalar(a.get("value_float")!.f ?? 0)];
    if (a.has("value_floats")) return [tf.tensor1d(a.get("value_floats")!.floats ?? [])];
    if (a.has("value_int")) return [tf.scalar(a.get("value_int")!.i ?? 0, "int32")];
    if (a.has("value_ints")) return [tf.tensor1d(a.get("value_ints")!.ints ?? [], "int32")];
    throw new Error(`Constant "${node.name}": only value, value_float(s) and value_int(s) are supported`);
  },
  Shape: ([x], node) => {
    const r = x!.rank;
    let start = attrInt(node, "start", 0);
    let end = attrInt(node, "end", r);
    start = Math.min(Math.max(normAxis(start, r), 0), r);
    end = Math.min(Math.max(normAxis(end, r), 0), r);
    return [tf.tensor1d(x!.shape.slice(start, Math.max(start, end)), "int32")];
  },
  Size: ([x]) => [tf.scalar(x!.size, "int32")],
  Cast: ([x], node) => {
    const to = attrInt(node, "to", DT.FLOAT);
    if (!CASTABLE.has(to)) unsupported(node, `a cast to ${dtypeName(to)}`);
    return [tf.cast(x!, tfDtype(to))];
  },
  Reshape: ([x, s], node) => [reshapeTo(x!, ints(s)!, attrInt(node, "allowzero", 0) === 1)],
  Flatten: ([x], node) => {
    const axis = normAxis(attrInt(node, "axis", 1), x!.rank);
    const outer = x!.shape.slice(0, axis).reduce((a, b) => a * b, 1);
    return [tf.reshape(x!, [outer, -1])];
  },
  Transpose: ([x], node) => {
    const perm = attrInts(node, "perm") ?? x!.shape.map((_, i) => x!.rank - 1 - i);
    return [transposeFast(x!, perm)];
  },
  Concat: (xs, node) => {
    const ts = xs.filter((t): t is tf.Tensor => !!t);
    const axis = normAxis(attrInt(node, "axis", 0), ts[0].rank);
    const nonEmpty = ts.filter((t) => t.size > 0);
    return [nonEmpty.length === 1 ? tf.clone(nonEmpty[0]) : tf.concat(nonEmpty.length ? nonEmpty : ts, axis)];
  },
  Split: split,
  Pad: pad,
  Slice: slice,
  Squeeze: ([x, axesT], node, ctx) => {
    const axes = ctx.opset >= 13 ? ints(axesT) : attrInts(node, "axes");
    if (!axes || axes.length === 0) return [tf.reshape(x!, x!.shape.filter((d) => d !== 1))];
    const set = new Set(axes.map((a) => normAxis(a, x!.rank)));
    return [tf.reshape(x!, x!.shape.filter((_, i) => !set.has(i)))];
  },
  Unsqueeze: ([x, axesT], node, ctx) => [unsqueeze(x!, (ctx.opset >= 13 ? ints(axesT) : attrInts(node, "axes"))!)],
  Expand: ([x, s]) => [tf.broadcastTo(x!, broadcastShape(x!.shape, ints(s)!))],
  Tile: ([x, r]) => [tf.tile(x!, ints(r)!)],
  ConstantOfShape: ([s], node) => {
    const shape = ints(s)!;
    const v = node.attrs.get("value")?.t;
    if (!v) return [tf.zeros(shape)];
    const t = constToTensor(v);
    return [tf.fill(shape, t.dataSync()[0], t.dtype)];
  },
  Range: ([start, limit, delta]) => {
    const a = start!.dataSync()[0];
    const b = limit!.dataSync()[0];
    const d = delta!.dataSync()[0];
    const n = Math.max(Math.ceil((b - a) / d), 0);
    const vals = Array.from({ length: n }, (_, i) => a + i * d);
    return [tf.tensor1d(vals, start!.dtype === "int32" ? "int32" : "float32")];
  },
};
