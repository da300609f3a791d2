/** Ops that move values without changing them: their adjoints move the adjoint back. */
import { axisOf, dy0, intAttr, intsAttr, refuse, type Rule, type RuleContext } from "./types";

const back = (c: RuleContext) => [c.em.reshapeLike(dy0(c), c.node.inputs[0]), ...c.node.inputs.slice(1).map(() => null)];

const transpose: Rule = (c) => {
  const rank = c.shape(c.node.inputs[0]).length;
  const perm = intsAttr(c, "perm") ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
  const inverse = new Array<number>(rank);
  perm.forEach((p, i) => (inverse[p] = i));
  return [c.em.op("Transpose", [dy0(c)], { perm: inverse })];
};

const concat: Rule = (c) => {
  const rank = c.shape(c.node.outputs[0]).length;
  const axis = axisOf(intAttr(c, "axis", 0), rank);
  if (c.batchAxis(c.node.outputs[0], axis)) refuse("Concat along the batch axis");
  let offset = 0;
  return c.node.inputs.map((x, i) => {
    const size = c.shape(x)[axis];
    const start = offset;
    offset += size;
    if (!c.needs(i)) return null;
    return c.em.op("Slice", [dy0(c), c.em.ints([start]), c.em.ints([start + size]), c.em.ints([axis])]);
  });
};

/** Outputs no path uses contribute zeros of their own shape. */
const split: Rule = (c) => {
  const rank = c.shape(c.node.inputs[0]).length;
  const axis = axisOf(intAttr(c, "axis", 0), rank);
  if (c.batchAxis(c.node.inputs[0], axis)) refuse("Split along the batch axis");
  const parts = c.node.outputs.map((o, i) => c.dy[i] ?? c.em.zerosLike(o));
  return [c.em.op("Concat", parts, { axis }), ...c.node.inputs.slice(1).map(() => null)];
};

/** g with a 1 inserted at `axis`, or with the dims at axis and axis+1 merged into `merged`: runtime shapes (free batch). */
function insertAxis(c: RuleContext, g: string, axis: number): string {
  const { em } = c;
  const shape = em.shape(g);
  const target = em.op("Concat", [
    em.op("Slice", [shape, em.ints([0]), em.ints([axis + 1])]),
    em.ints([1]),
    em.op("Slice", [shape, em.ints([axis + 1]), em.ints([Number.MAX_SAFE_INTEGER])]),
  ], { axis: 0 });
  return em.op("Reshape", [g, target]);
}

function mergeAxes(c: RuleContext, g: string, axis: number, merged: number): string {
  const { em } = c;
  const shape = em.shape(g);
  const target = em.op("Concat", [
    em.op("Slice", [shape, em.ints([0]), em.ints([axis])]),
    em.ints([merged]),
    em.op("Slice", [shape, em.ints([axis + 2]), em.ints([Number.MAX_SAFE_INTEGER])]),
  ], { axis: 0 });
  return em.op("Reshape", [g, target]);
}

/** Zero-pads (or, for a negative amount, trims) one axis. */
function padAxis(c: RuleContext, g: string, rank: number, axis: number, before: number, after: number, length: number): string {
  let out = g;
  if (after < 0) {
    out = c.em.op("Slice", [out, c.em.ints([0]), c.em.ints([length + after]), c.em.ints([axis])]);
    after = 0;
  }
  if (before === 0 && after === 0) return out;
  const pads = new Array(2 * rank).fill(0);
  pads[axis] = before;
  pads[axis + rank] = after;
  return c.em.op("Pad", [out, c.em.ints(pads)]);
}

/** An int64 "to the end" for a reversing Slice: ONNX clamps an end below −dim to −1 (one before the first element). */
const BEFORE_FIRST = -(2 ** 31);

/**
 * Constant (or probed) starts/ends/axes/steps: the adjoint is put back where the slice took it, zero elsewhere. A
 * step s > 1 (Swin's x[:, 0::2, 0::2]) interleaves: each element gets s − 1 zeros beside it, then the axis is shifted
 * into place. A negative step (torch.flip, x[..., ::-1]) takes the same elements as the positive one from the lowest
 * index it reaches, in reverse order: the adjoint is reversed along that axis first.
 */
const slice: Rule = (c) => {
  const [x, startsIn, , axesIn, stepsIn] = c.node.inputs;
  const shape = c.shape(x);
  const outShape = c.shape(c.node.outputs[0]);
  const rank = shape.length;
  const values = (name: string | undefined) => (name ? c.constant(name) : null);
  // The ends are implied by the probed output length.
  const starts = values(startsIn);
  if (!starts) refuse("Slice starts that are computed from the image, not constant");
  const axes = (values(axesIn) ?? starts!.map((_, i) => i)).map((a) => axisOf(a, rank));
  const steps = values(stepsIn) ?? starts!.map(() => 1);
  if (steps.some((s) => s === 0)) refuse("Slice with a zero step");
  let g = dy0(c);
  axes.forEach((axis, i) => {
    const dim = shape[axis];
    const n = outShape[axis];
    let step = steps[i];
    const start = starts![i] < 0 ? starts![i] + dim : starts![i];
    // ONNX clamps a start to [0, dim] for positive steps and to [0, dim − 1] for negative ones.
    let begin = Math.min(Math.max(start, 0), step > 0 ? dim : dim - 1);
    if ((n !== dim || step < 0) && c.batchAxis(x, axis)) refuse("Slice along the batch axis");
    if (n === 0) refuse("an empty Slice");
    if (step < 0) {
      g = c.em.op("Slice", [g, c.em.ints([-1]), c.em.ints([BEFORE_FIRST]), c.em.ints([axis]), c.em.ints([-1])]);
      begin += step * (n - 1);
      step = -step;
    }
    if (n === dim && step === 1) return;
    if (step === 1) {
      g = padAxis(c, g, rank, axis, begin, dim - begin - n, n);
      return;
    }
    // [.., n, ..] → [.., n, 1, ..] → zeros after each element → [.., n·s, ..], which starts at `begin`.
    const spread = c.em.op("Pad", [insertAxis(c, g, axis), c.em.ints(Object.assign(new Array(2 * (rank + 1)).fill(0), { [rank + 1 + axis + 1]: step - 1 }))]);
    g = padAxis(c, mergeAxes(c, spread, axis, n * step), rank, axis, begin, dim - begin - n * step, n * step);
  });
  return [g, null, null, null, null];
};

const pad: Rule = (c) => {
  const mode = c.node.attrs.get("mode")?.s ?? "constant";
  if (mode !== "constant") refuse(`Pad mode ${mode}`);
  const x = c.node.inputs[0];
  const shape = c.shape(x);
  const padsIn = c.node.inputs[1];
  const pads = padsIn ? c.constant(padsIn) : intsAttr(c, "pads");
  if (!pads) refuse("Pad amounts that are computed, not constant");
  if (c.node.inputs[3]) refuse("Pad with an axes input");
  if (pads!.some((p) => p < 0)) refuse("negative pads");
  const r = shape.length;
  const axes = shape.map((_, i) => i).filter((i) => pads![i] !== 0 || pads![i + r] !== 0);
  if (axes.some((a) => c.batchAxis(x, a))) refuse("Pad along the batch axis");
  if (!axes.length) return [dy0(c), null, null];
  const starts = axes.map((i) => pads![i]);
  const ends = axes.map((i) => pads![i] + shape[i]);
  return [c.em.op("Slice", [dy0(c), c.em.ints(starts), c.em.ints(ends), c.em.ints(axes)]), null, null];
};

/** A constant scalar index (ViT's class token, x[:, 0]): the adjoint goes back to that one position. */
const gather: Rule = (c) => {
  const [x, indicesIn] = c.node.inputs;
  const shape = c.shape(x);
  const axis = axisOf(intAttr(c, "axis", 0), shape.length);
  const indices = c.constant(indicesIn);
  if (indices === null || c.shape(indicesIn).length !== 0) refuse("Gather with indices other than one constant scalar");
  if (c.batchAxis(x, axis)) refuse("Gather along the batch axis");
  const { em } = c;
  const index = indices![0] < 0 ? indices![0] + shape[axis] : indices![0];
  const dyShape = em.shape(dy0(c));
  const target = em.op("Concat", [
    em.op("Slice", [dyShape, em.ints([0]), em.ints([axis])]),
    em.ints([1]),
    em.op("Slice", [dyShape, em.ints([axis]), em.ints([Number.MAX_SAFE_INTEGER])]),
  ], { axis: 0 });
  const pads = new Array(2 * shape.length).fill(0);
  pads[axis] = index;
  pads[axis + shape.length] = shape[axis] - index - 1;
  return [em.op("Pad", [em.op("Reshape", [dy0(c), target]), em.ints(pads)]), null];
};

export const SHAPE_RULES: Record<string, Rule> = {
  Reshape: back, Flatten: back, Squeeze: back, Unsqueeze: back, Transpose: transpose, Concat: concat, Split: split,
  Slice: slice, Pad: pad, Gather: gather,
};
