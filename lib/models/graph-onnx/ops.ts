/**
 * One translation per TF op the converter emits for Keras / TF-Hub CNNs and ViTs (convolutions, pooling and batch norms
 * in conv.ts). Each maps TF's semantics onto ONNX ops the gradient builder has rules for (Relu6 → Clip, Selu → a scaled
 * Elu, Rsqrt → Reciprocal ∘ Sqrt, a spatial Max → MaxPool), and refuses attributes it does not cover.
 */
import { INPUT_NAME, permuteData, refuse, size, type Const, type Dim, type Operand, type Tensor } from "./context";
import { CONV_OPS, spatialMax } from "./conv";
import {
  broadcastShapes, constIn, constInts, dropAxes, elementwise, normalizeAxes, physicalAxis, tensorIn, unary, type Op, type OpCtx,
} from "./op-context";

const float = (c: OpCtx, v: number) => c.b.floats([], [v]);
const tensor = (name: string, shape: Dim[], nchw = false): Tensor => ({ kind: "tensor", name, shape, nchw });

/** Selu's constants, as TF (and tfjs) define them. */
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

function reduce(c: OpCtx, kind: "Mean" | "Sum" | "Max"): Tensor {
  const x = tensorIn(c, 0);
  const axes = normalizeAxes(c, constInts(c, 1), x.shape.length);
  // TF reduces nothing over an empty axis list (ONNX would reduce everything).
  if (!axes.length) return x;
  if (axes.some((a) => x.shape[a] === null)) refuse(c.n, "a reduction over the batch axis");
  const physical = axes.map((a) => physicalAxis(x, a)).sort((a, b) => a - b);
  let y: string | null = null;
  if (kind === "Max" && x.nchw && physical.join() === "2,3") y = spatialMax(c, x);
  if (!y) {
    const op = { Mean: "ReduceMean", Sum: "ReduceSum", Max: "ReduceMax" }[kind];
    // Opset 17: ReduceSum takes its axes as an input, ReduceMean and ReduceMax as an attribute.
    y = kind === "Sum" ? c.b.op(op, [x.name, c.b.ints(physical)], { keepdims: 1 }) : c.b.op(op, [x.name], { axes: physical, keepdims: 1 });
  }
  const kept = tensor(y, x.shape.map((d, i) => (axes.includes(i) ? 1 : d)), x.nchw);
  return c.a.bool("keep_dims") ? kept : dropAxes(c, kept, axes);
}

/**
 * Reshape to a constant shape, or one built from tf.shape(x)[0] (shape-ops.ts). The leading entry is the batch (−1, the
 * batch size, or the 1 a converter baked in) and stays free.
 */
function reshape(c: OpCtx): Tensor {
  const x = c.b.tf(tensorIn(c, 0));
  const target = constInts(c, 1);
  const perSample = x.shape.slice(1);
  if (x.shape[0] !== null || perSample.some((d) => d === null)) refuse(c.n, `an input of shape [${x.shape.join(", ")}] (only the batch may be unknown)`);
  const count = size(perSample as number[]);
  const rest = target.slice(1);
  const free = rest.filter((d) => d === -1).length;
  const known = size(rest.filter((d) => d !== -1));
  const batchLike = target.length > 0 && (target[0] === -1 || target[0] === 1);
  const fits = free === 0 ? known === count : free === 1 && known > 0 && count % known === 0;
  if (!batchLike || !fits || (target[0] === -1 && free > 0)) {
    refuse(c.n, `shape [${target.join(", ")}] from [${x.shape.map((d) => d ?? -1).join(", ")}] does not keep the batch axis`);
  }
  const shape = [null, ...rest.map((d) => (d === -1 ? count / known : d))];
  return tensor(c.b.op("Reshape", [x.name, c.b.ints([0, ...rest])]), shape);
}

function squeeze(c: OpCtx): Tensor {
  const x = tensorIn(c, 0);
  const listed = c.a.ints("squeeze_dims", c.a.ints("axis", []));
  const axes = listed.length ? normalizeAxes(c, listed, x.shape.length) : x.shape.flatMap((d, i) => (d === 1 ? [i] : []));
  if (axes.some((a) => x.shape[a] !== 1)) refuse(c.n, `squeezing axes [${axes.join(", ")}] of shape [${x.shape.join(", ")}]`);
  return dropAxes(c, x, axes);
}

function expandDims(c: OpCtx): Tensor {
  const x = c.b.tf(tensorIn(c, 0));
  const [axis] = constInts(c, 1);
  const a = axis < 0 ? axis + x.shape.length + 1 : axis;
  if (a === 0) refuse(c.n, "a new leading axis (the batch axis would move)");
  const shape = [...x.shape.slice(0, a), 1, ...x.shape.slice(a)];
  return tensor(c.b.op("Unsqueeze", [x.name, c.b.ints([a])]), shape);
}

function swapLast(c: OpCtx, v: Operand): { name: string; shape: Dim[] } {
  const rank = v.shape.length;
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  const shape = perm.map((p) => v.shape[p]);
  if (v.kind === "const") {
    const t = { ...v, name: `${v.name}/T`, shape: shape as number[], data: permute(v, perm) };
    return { name: c.b.constant(t, c.n, false), shape };
  }
  return { name: c.b.op("Transpose", [c.b.tf(v).name], { perm }), shape };
}

const permute = (v: Const, perm: number[]) => permuteData(v.data as Float32Array, v.shape, perm);

function matMul(c: OpCtx, ta: string, tb: string): Tensor {
  const [a, b] = c.inputs;
  if (!a || !b) refuse(c.n, "two inputs are needed");
  if (a.shape.length < 2 || b.shape.length < 2) refuse(c.n, "a 1-D operand");
  const operand = (v: Operand, t: boolean) =>
    t ? swapLast(c, v) : { name: v.kind === "const" ? c.b.constant(v, c.n, false) : c.b.tf(v).name, shape: v.shape };
  const x = operand(a, c.a.bool(ta));
  const y = operand(b, c.a.bool(tb));
  if (x.shape.at(-1) != null && y.shape.at(-2) != null && x.shape.at(-1) !== y.shape.at(-2)) {
    refuse(c.n, `inner dimensions ${x.shape.at(-1)} and ${y.shape.at(-2)} differ`);
  }
  const batch = broadcastShapes(c, [x.shape.slice(0, -2), y.shape.slice(0, -2)]);
  return tensor(c.b.op("MatMul", [x.name, y.name]), [...batch, x.shape.at(-2)!, y.shape.at(-1)!]);
}

function concat(c: OpCtx): Tensor {
  const vals = c.inputs.slice(0, -1);
  const rank = vals[0]?.shape.length ?? 0;
  const [axisIn] = constInts(c, c.inputs.length - 1);
  const [axis] = normalizeAxes(c, [axisIn], rank);
  if (vals.some((v) => v.shape.length !== rank)) refuse(c.n, "inputs of different ranks");
  const nchw = rank === 4 && vals.some((v) => v.kind === "tensor" && v.nchw);
  // A constant has no batch axis to join the image's along (ViT's class token is tiled to the batch first).
  const names = vals.map((v) => (v.kind === "const" ? refuse(c.n, `the constant input '${v.name}'`) : nchw ? c.b.nchw(v).name : c.b.tf(v).name));
  const shape = vals[0].shape.map((d, i) => (i === axis ? vals.reduce<Dim>((s, v) => (s === null || v.shape[i] === null ? null : s + (v.shape[i] as number)), 0) : d));
  const x = tensor("", shape, nchw);
  return tensor(c.b.op("Concat", names, { axis: physicalAxis(x, axis) }), shape, nchw);
}

function pad(c: OpCtx): Tensor {
  const x = tensorIn(c, 0);
  const p = constInts(c, 1);
  const rank = x.shape.length;
  if (p.length !== 2 * rank) refuse(c.n, `paddings of ${p.length} values for a rank-${rank} input`);
  if (p[0] || p[1]) refuse(c.n, "padding the batch axis");
  const begin = new Array(rank).fill(0);
  const end = new Array(rank).fill(0);
  for (let i = 0; i < rank; i++) {
    begin[physicalAxis(x, i)] = p[2 * i];
    end[physicalAxis(x, i)] = p[2 * i + 1];
  }
  const value = c.n.op === "PadV2" ? constIn(c, 2).data[0] : 0;
  const shape = x.shape.map((d, i) => (d === null ? null : d + p[2 * i] + p[2 * i + 1]));
  return { ...x, name: c.b.op("Pad", [x.name, c.b.ints([...begin, ...end]), float(c, value)]), shape };
}

function transpose(c: OpCtx): Tensor {
  const x = tensorIn(c, 0);
  const perm = constInts(c, 1);
  if (perm.length !== x.shape.length || perm[0] !== 0) refuse(c.n, `perm [${perm.join(", ")}] (the batch axis must stay first)`);
  // Output axis i is logical input axis perm[i], stored at physicalAxis(perm[i]).
  const name = c.b.op("Transpose", [x.name], { perm: perm.map((p) => physicalAxis(x, p)) });
  return tensor(name, perm.map((p) => x.shape[p]));
}

/** The largest constant a Tile is folded into when translating (a ViT's class token is a few hundred values). */
const MAX_FOLDED_TILE = 1 << 24;

/** [batch, ...rest] as a run-time shape: the batch size is the image input's first dimension. */
function withBatch(c: OpCtx, rest: number[]): string {
  const batch = c.b.op("Slice", [c.b.op("Shape", [INPUT_NAME]), c.b.ints([0]), c.b.ints([1])]);
  return c.b.op("Concat", [batch, c.b.ints(rest)], { axis: 0 });
}

/** TF's (and ONNX Expand's) broadcasting of `from` to `to`, right-aligned; −1 in `to` is the batch. */
function checkBroadcast(c: OpCtx, from: Dim[], to: number[]): void {
  const lead = to.length - from.length;
  const fits = lead >= 0 && from.every((d, i) => d === 1 || d === to[lead + i] || (d === null && to[lead + i] === -1));
  if (!fits || to.slice(1).some((d) => d < 1)) refuse(c.n, `shape [${from.map((d) => d ?? "batch").join(", ")}] does not broadcast to [${to.join(", ")}]`);
}

/**
 * BroadcastTo, typically Keras's class token: tf.broadcast_to(cls, (tf.shape(x)[0], 1, d)). A target that starts with
 * the batch (−1) becomes an Expand to the image's batch size at run time.
 */
function broadcastTo(c: OpCtx): Tensor {
  const x = c.inputs[0] ?? refuse(c.n, "input 0 is missing");
  const target = constInts(c, 1);
  checkBroadcast(c, x.shape, target);
  const name = x.kind === "const" ? c.b.constant(x, c.n, false) : c.b.tf(x).name;
  const shape = target[0] === -1 ? withBatch(c, target.slice(1)) : c.b.ints(target);
  return tensor(c.b.op("Expand", [name, shape]), target.map((d) => (d === -1 ? null : d)));
}

/** A constant repeated `multiples` times along each axis (TF Tile), computed when translating. */
function tileConstant(c: OpCtx, x: Const, multiples: number[]): Const {
  const shape = x.shape.map((d, i) => d * multiples[i]);
  if (size(shape) > MAX_FOLDED_TILE) refuse(c.n, `tiling '${x.name}' to [${shape.join(", ")}] (more than ${MAX_FOLDED_TILE} values)`);
  const out = new (x.data.constructor as new (n: number) => Float32Array | Int32Array)(size(shape));
  const idx = new Array(shape.length).fill(0);
  const inStrides = x.shape.map((_, i) => size(x.shape.slice(i + 1)));
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let i = 0; i < shape.length; i++) src += (idx[i] % x.shape[i]) * inStrides[i];
    out[o] = x.data[src];
    for (let i = shape.length - 1; i >= 0; i--) {
      if (++idx[i] < shape[i]) break;
      idx[i] = 0;
    }
  }
  return { kind: "const", name: `${x.name}/tiled`, shape, data: out };
}

/**
 * Tile of a constant (tf.tile(cls, [tf.shape(x)[0], 1, 1]) is the other way Keras code writes the class token): the
 * known multiples are folded into the constant, a batch multiple becomes an Expand to the batch size. Tiling a tensor
 * computed from the image is refused (the gradient graph has no rule for ONNX Tile).
 */
function tile(c: OpCtx): Operand {
  const x = c.inputs[0] ?? refuse(c.n, "input 0 is missing");
  const multiples = constInts(c, 1);
  if (multiples.length !== x.shape.length) refuse(c.n, `${multiples.length} multiples for a rank-${x.shape.length} input`);
  // Each multiple is a count ≥ 1, except a leading −1: the batch size (tf.shape(x)[0]).
  if (multiples.some((m, i) => m < 1 && !(i === 0 && m === -1))) refuse(c.n, `multiples [${multiples.join(", ")}]`);
  if (x.kind === "tensor") {
    if (multiples.some((m) => m !== 1)) refuse(c.n, "tiling a tensor computed from the image (only constants are tiled)");
    return x;
  }
  const folded = tileConstant(c, x, multiples.map((m) => (m === -1 ? 1 : m)));
  if (multiples[0] !== -1) return folded;
  if (folded.shape[0] !== 1) refuse(c.n, `tiling a constant of first dimension ${folded.shape[0]} by the batch size`);
  return tensor(c.b.op("Expand", [c.b.constant(folded, c.n, false), withBatch(c, folded.shape.slice(1))]), [null, ...folded.shape.slice(1)]);
}

const MAX_INDEX = 2 ** 31 - 1;

/** StridedSlice without ellipsis or new axes: Slice over the axes it cuts, then Squeeze for shrink_axis_mask. */
function stridedSlice(c: OpCtx): Tensor {
  const x = c.b.tf(tensorIn(c, 0));
  const [begin, end, strides] = [1, 2, 3].map((i) => constInts(c, i));
  if (c.a.int("ellipsis_mask", 0) || c.a.int("new_axis_mask", 0)) refuse(c.n, "ellipsis_mask or new_axis_mask");
  const [bm, em, sm] = ["begin_mask", "end_mask", "shrink_axis_mask"].map((k) => c.a.int(k, 0));
  const starts: number[] = [], ends: number[] = [], axes: number[] = [], steps: number[] = [], shrink: number[] = [];
  const shape = [...x.shape];
  const cut = (axis: number, start: number, stop: number, step: number) => {
    axes.push(axis);
    starts.push(start);
    ends.push(stop);
    steps.push(step);
  };
  begin.forEach((b0, i) => {
    const dim = x.shape[i];
    const step = strides[i];
    if (!step) refuse(c.n, "a zero stride");
    const bit = (m: number) => (m >> i) & 1;
    if (bit(sm)) {
      if (dim === null) refuse(c.n, "shrinking the batch axis");
      const s = b0 < 0 ? b0 + dim! : b0;
      cut(i, s, s + 1, 1);
      shrink.push(i);
      shape[i] = 1;
      return;
    }
    const s = bit(bm) ? (step > 0 ? 0 : -1) : b0;
    const e = bit(em) ? (step > 0 ? MAX_INDEX : -MAX_INDEX) : end[i];
    if (step === 1 && s === 0 && (e === MAX_INDEX || (dim !== null && e >= dim))) return;
    if (dim === null) refuse(c.n, "slicing the batch axis");
    const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v < 0 ? v + dim! : v, lo), hi);
    const [lo, hi] = step > 0 ? [0, dim!] : [-1, dim! - 1];
    const first = clamp(s, lo, hi);
    const last = e === -MAX_INDEX ? -1 : clamp(e, lo, hi);
    shape[i] = Math.max(0, Math.ceil((last - first) / step));
    cut(i, s, e, step);
  });
  const sliced = axes.length
    ? c.b.op("Slice", [x.name, c.b.ints(starts), c.b.ints(ends), c.b.ints(axes), c.b.ints(steps)])
    : x.name;
  return dropAxes(c, tensor(sliced, shape), shrink);
}

/** Slice(x, begin, size) with constant begin and size (−1: to the end). */
function slice(c: OpCtx): Tensor {
  const x = c.b.tf(tensorIn(c, 0));
  const [begin, sizes] = [constInts(c, 1), constInts(c, 2)];
  if (begin.length !== x.shape.length || sizes.length !== x.shape.length) refuse(c.n, "begin and size that do not match the input's rank");
  const axes = x.shape.flatMap((_, i) => (begin[i] === 0 && sizes[i] === -1 ? [] : [i]));
  if (axes.some((i) => x.shape[i] === null)) refuse(c.n, "slicing the batch axis");
  const shape = x.shape.map((d, i) => (axes.includes(i) ? (sizes[i] === -1 ? (d as number) - begin[i] : sizes[i]) : d));
  if (!axes.length) return x;
  const ends = axes.map((i) => (sizes[i] === -1 ? MAX_INDEX : begin[i] + sizes[i]));
  return tensor(c.b.op("Slice", [x.name, c.b.ints(axes.map((i) => begin[i])), c.b.ints(ends), c.b.ints(axes)]), shape);
}

function softmax(c: OpCtx): Tensor {
  const x = c.b.tf(tensorIn(c, 0));
  return tensor(c.b.op("Softmax", [x.name], { axis: -1 }), x.shape);
}

const binary = (opType: string): Op => (c) => elementwise(c, opType, c.inputs.slice(0, 2));

function biasAdd(c: OpCtx): Tensor {
  const format = c.a.str("data_format", "NHWC");
  if (format !== "NHWC") refuse(c.n, `data_format ${format} (NHWC is translated)`);
  if (c.inputs[1]?.shape.length !== 1) refuse(c.n, "a bias that is not 1-D");
  return elementwise(c, "Add", c.inputs.slice(0, 2));
}

export const OPS: Record<string, Op> = {
  ...CONV_OPS,
  Identity: (c) => c.inputs[0] ?? refuse(c.n, "no input"),
  BiasAdd: biasAdd,
  Add: binary("Add"),
  AddV2: binary("Add"),
  AddN: (c) => elementwise(c, "Add", c.inputs),
  Sub: binary("Sub"),
  Mul: binary("Mul"),
  RealDiv: binary("Div"),
  Maximum: binary("Max"),
  Minimum: binary("Min"),
  Pow: binary("Pow"),
  SquaredDifference: (c) => {
    const d = elementwise(c, "Sub", c.inputs.slice(0, 2));
    return { ...d, name: c.b.op("Mul", [d.name, d.name]) };
  },
  Relu: (c) => unary(c, "Relu"),
  Relu6: (c) => {
    const x = tensorIn(c, 0);
    return { ...x, name: c.b.op("Clip", [x.name, float(c, 0), float(c, 6)]) };
  },
  Elu: (c) => unary(c, "Elu", { alpha: { float: 1 } }),
  Selu: (c) => {
    const e = unary(c, "Elu", { alpha: { float: SELU_ALPHA } });
    return { ...e, name: c.b.op("Mul", [e.name, float(c, SELU_SCALE)]) };
  },
  Sigmoid: (c) => unary(c, "Sigmoid"),
  Tanh: (c) => unary(c, "Tanh"),
  LeakyRelu: (c) => unary(c, "LeakyRelu", { alpha: { float: c.a.float("alpha", 0.2) } }),
  Softplus: (c) => unary(c, "Softplus"),
  Square: (c) => {
    const x = tensorIn(c, 0);
    return { ...x, name: c.b.op("Mul", [x.name, x.name]) };
  },
  Sqrt: (c) => unary(c, "Sqrt"),
  Rsqrt: (c) => {
    const r = unary(c, "Sqrt");
    return { ...r, name: c.b.op("Reciprocal", [r.name]) };
  },
  Reciprocal: (c) => unary(c, "Reciprocal"),
  Neg: (c) => unary(c, "Neg"),
  Exp: (c) => unary(c, "Exp"),
  Log: (c) => unary(c, "Log"),
  Abs: (c) => unary(c, "Abs"),
  Erf: (c) => unary(c, "Erf"),
  Mean: (c) => reduce(c, "Mean"),
  Sum: (c) => reduce(c, "Sum"),
  Max: (c) => reduce(c, "Max"),
  Reshape: reshape,
  Squeeze: squeeze,
  ExpandDims: expandDims,
  MatMul: (c) => matMul(c, "transpose_a", "transpose_b"),
  BatchMatMul: (c) => matMul(c, "adj_x", "adj_y"),
  BatchMatMulV2: (c) => matMul(c, "adj_x", "adj_y"),
  ConcatV2: concat,
  Pad: pad,
  PadV2: pad,
  Transpose: transpose,
  Softmax: softmax,
  StridedSlice: stridedSlice,
  Slice: slice,
  BroadcastTo: broadcastTo,
  Tile: tile,
};
