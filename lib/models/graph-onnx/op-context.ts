/** What one op's translation gets (its node, attributes, input values) and the helpers the op tables share. */
import { NCHW_AXIS, refuse, type Attrs, type Builder, type Const, type Dim, type GraphNode, type Operand, type Tensor, type Val } from "./context";

export type OpCtx<V extends Val = Operand> = { b: Builder; n: GraphNode; a: Attrs; inputs: V[] };
export type Op = (c: OpCtx) => Operand;

export function tensorIn(c: OpCtx<Val>, i: number): Tensor {
  const v = c.inputs[i] ?? refuse(c.n, `input ${i} is missing`);
  if (v.kind !== "tensor") refuse(c.n, `input ${i} ('${v.name}') is a constant; constant subgraphs are not folded`);
  return v as Tensor;
}

export function constIn(c: OpCtx<Val>, i: number): Const {
  const v = c.inputs[i] ?? refuse(c.n, `input ${i} is missing`);
  if (v.kind !== "const") refuse(c.n, `input ${i} is computed from the image; only a constant is translated there`);
  return v as Const;
}

export const constInts = (c: OpCtx<Val>, i: number): number[] => Array.from(constIn(c, i).data, Number);

/** numpy broadcasting of logical shapes (null: unknown, e.g. the batch). */
export function broadcastShapes(c: OpCtx, shapes: Dim[][]): Dim[] {
  const rank = Math.max(...shapes.map((s) => s.length));
  return Array.from({ length: rank }, (_, i) => {
    const dims = shapes.map((s) => s[s.length - rank + i]).filter((d) => d !== undefined && d !== 1);
    const known = dims.filter((d): d is number => d !== null);
    if (new Set(known).size > 1) refuse(c.n, `shapes [${shapes.map((s) => s.join(", ")).join("] and [")}] do not broadcast`);
    return known[0] ?? (dims.length ? null : 1);
  });
}

/**
 * An elementwise op on any number of operands. A rank-4 result with an operand stored NCHW is computed NCHW (constants
 * and lower-rank operands are broadcast into that layout); otherwise everything is in TF's layout.
 */
export function elementwise(c: OpCtx, opType: string, vals: Operand[], attrs = {}): Tensor {
  if (!vals.some((v) => v.kind === "tensor")) refuse(c.n, "every input is a constant; constant subgraphs are not folded");
  const shape = broadcastShapes(c, vals.map((v) => v.shape));
  const nchw = shape.length === 4 && vals.some((v) => v.kind === "tensor" && v.nchw);
  const names = vals.map((v) => {
    if (v.kind === "const") return c.b.constant(v, c.n, nchw && v.shape.length > 0);
    if (!nchw) return c.b.tf(v).name;
    if (v.shape.length === 4) return c.b.nchw(v).name;
    const lifted = c.b.op("Unsqueeze", [v.name, c.b.ints(Array.from({ length: 4 - v.shape.length }, (_, i) => i))]);
    return c.b.op("Transpose", [lifted], { perm: [0, 3, 1, 2] });
  });
  const name = names.slice(1).reduce((acc, x) => c.b.op(opType, [acc, x], attrs), names[0]);
  return { kind: "tensor", name, shape, nchw };
}

export const unary = (c: OpCtx, opType: string, attrs = {}): Tensor => {
  const x = tensorIn(c, 0);
  return { ...x, name: c.b.op(opType, [x.name], attrs) };
};

export const physicalAxis = (t: Tensor, a: number) => (t.nchw ? NCHW_AXIS[a] : a);

export function normalizeAxes(c: OpCtx, axes: number[], rank: number): number[] {
  const out = axes.map((a) => (a < 0 ? a + rank : a));
  if (out.some((a) => a < 0 || a >= rank)) refuse(c.n, `axes [${axes.join(", ")}] out of range for rank ${rank}`);
  return [...new Set(out)].sort((a, b) => a - b);
}

/**
 * Removes size-1 logical axes (Squeeze, or a reduction without keep_dims). From an NCHW tensor the remaining axes come
 * out in physical order, so they are transposed back into TF's order when that differs (never for [N, C, 1, 1]).
 */
export function dropAxes(c: OpCtx, t: Tensor, axes: number[]): Tensor {
  if (!axes.length) return t;
  const remaining = t.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const shape = remaining.map((i) => t.shape[i]);
  const physical = axes.map((a) => physicalAxis(t, a)).sort((a, b) => a - b);
  const squeezed = c.b.op("Squeeze", [t.name, c.b.ints(physical)]);
  if (!t.nchw) return { kind: "tensor", name: squeezed, shape, nchw: false };
  const order = [...remaining].sort((a, b) => physicalAxis(t, a) - physicalAxis(t, b));
  const perm = remaining.map((a) => order.indexOf(a));
  const name = perm.every((p, i) => p === i) ? squeezed : c.b.op("Transpose", [squeezed], { perm });
  return { kind: "tensor", name, shape, nchw: false };
}
