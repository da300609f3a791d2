/**
 * Shape arithmetic folded while translating: Keras writes `tf.reshape(x, (tf.shape(x)[0], -1, heads, d))`, which the
 * converter keeps as Shape → StridedSlice → Pack → Reshape. Only the batch size is unknown here (the input is
 * inputSize² × 3), so such values are integer lists with null for the batch; a Reshape to one whose first entry is the
 * batch keeps the batch axis free. Anything else computed from a shape is refused.
 */
import { refuse, type Const, type Dim, type ShapeVal, type Val } from "./context";
import { constInts, tensorIn, type OpCtx as Ctx } from "./op-context";

type OpCtx = Ctx<Val>;

const shapeVal = (c: OpCtx, values: Dim[], scalar: boolean): ShapeVal => ({ kind: "shape", name: c.n.name, shape: scalar ? [] : [values.length], values });

/** A shape value or an int constant as a list (null: the batch size). */
function valuesOf(c: OpCtx, v: Val | undefined): { values: Dim[]; scalar: boolean } {
  if (v?.kind === "shape") return { values: v.values, scalar: v.shape.length === 0 };
  if (v?.kind === "const" && v.data instanceof Int32Array && v.shape.length <= 1) return { values: Array.from(v.data), scalar: v.shape.length === 0 };
  return refuse(c.n, "shape arithmetic on something other than the input's shape and integer constants");
}

/** StridedSlice of a 1-D shape value: a constant range or one element (shrink_axis_mask). */
function sliceShape(c: OpCtx): ShapeVal {
  const { values } = valuesOf(c, c.inputs[0]);
  const [[begin], [end], [stride]] = [1, 2, 3].map((i) => constInts(c, i));
  if (c.a.int("ellipsis_mask", 0) || c.a.int("new_axis_mask", 0) || stride !== 1) refuse(c.n, "a shape slice with masks or strides");
  const n = values.length;
  const norm = (v: number) => Math.min(Math.max(v < 0 ? v + n : v, 0), n);
  const from = c.a.int("begin_mask", 0) & 1 ? 0 : norm(begin);
  if (c.a.int("shrink_axis_mask", 0) & 1) return shapeVal(c, [values[from]], true);
  const to = c.a.int("end_mask", 0) & 1 ? n : norm(end);
  return shapeVal(c, values.slice(from, to), false);
}

function join(c: OpCtx, vals: (Val | undefined)[], axis: number, scalarsOnly: boolean): ShapeVal {
  if (axis !== 0) refuse(c.n, `joining shape values along axis ${axis}`);
  const parts = vals.map((v) => valuesOf(c, v));
  if (scalarsOnly && parts.some((p) => !p.scalar)) refuse(c.n, "packing shape values that are not scalars");
  return shapeVal(c, parts.flatMap((p) => p.values), false);
}

export const SHAPE_OPS: Record<string, (c: OpCtx) => Val> = {
  Shape: (c) => shapeVal(c, tensorIn(c, 0).shape, false),
  StridedSlice: sliceShape,
  Pack: (c) => join(c, c.inputs, c.a.int("axis", 0), true),
  ConcatV2: (c) => join(c, c.inputs.slice(0, -1), constInts(c, c.inputs.length - 1)[0], false),
  Identity: (c) => c.inputs[0] ?? refuse(c.n, "no input"),
};

/** A Reshape's target built from the input's shape, as the constant TF means: the batch size (null) as −1. */
export function reshapeTarget(c: OpCtx, v: ShapeVal): Const {
  if (v.shape.length !== 1 || v.values.slice(1).some((d) => d === null)) refuse(c.n, "a target shape with the batch size after its first entry");
  return { kind: "const", name: v.name, shape: v.shape, data: Int32Array.from(v.values, (d) => d ?? -1) };
}
