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
  if (axis === 0) refuse("Concat along the batch axis");
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
  if (axis === 0) refuse("Split along the batch axis");
  const parts = c.node.outputs.map((o, i) => c.dy[i] ?? c.em.zerosLike(o));
  return [c.em.op("Concat", parts, { axis }), ...c.node.inputs.slice(1).map(() => null)];
};

/** Constant starts/ends/axes/steps (inputs since opset 10); steps of 1 only; the adjoint is zero-padded back. */
const slice: Rule = (c) => {
  const [x, startsIn, endsIn, axesIn, stepsIn] = c.node.inputs;
  const shape = c.shape(x);
  const values = (name: string | undefined) => (name ? c.constant(name) : null);
  const starts = values(startsIn);
  const ends = values(endsIn);
  if (!starts || !ends) refuse("Slice bounds that are computed, not constant");
  const axes = (values(axesIn) ?? starts!.map((_, i) => i)).map((a) => axisOf(a, shape.length));
  const steps = values(stepsIn) ?? starts!.map(() => 1);
  if (steps.some((s) => s !== 1)) refuse("Slice with steps other than 1");
  const pads = new Array(2 * shape.length).fill(0);
  axes.forEach((axis, i) => {
    const dim = shape[axis];
    const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + dim : v, 0), dim);
    const begin = clamp(starts![i]);
    const end = Math.max(begin, clamp(ends![i]));
    if (axis === 0 && (begin !== 0 || end !== dim)) refuse("Slice along the batch axis");
    pads[axis] = begin;
    pads[axis + shape.length] = dim - end;
  });
  return [c.em.op("Pad", [dy0(c), c.em.ints(pads)]), null, null, null, null];
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
  if (axes.includes(0)) refuse("Pad along the batch axis");
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
  if (axis === 0) refuse("Gather along the batch axis");
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
