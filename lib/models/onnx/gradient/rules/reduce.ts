/** Reductions and softmax. */
import { axisOf, dy0, intAttr, intsAttr, refuse, type Rule, type RuleContext } from "./types";

/** The reduced axes of ReduceMean/ReduceSum: an attribute, or (opset 13 for Sum, 18 for Mean) a constant input. */
function reducedAxes(c: RuleContext, rank: number): number[] {
  const fromInput = c.node.inputs[1];
  let axes = intsAttr(c, "axes");
  if (fromInput) {
    const v = c.constant(fromInput);
    if (v === null) refuse("reduction axes that are computed, not constant");
    axes = v;
  }
  if (!axes || axes.length === 0) {
    if (intAttr(c, "noop_with_empty_axes", 0) === 1) return [];
    return Array.from({ length: rank }, (_, i) => i);
  }
  return axes.map((a) => axisOf(a, rank));
}

function reduceBackward(mean: boolean): Rule {
  return (c) => {
    const { em } = c;
    const x = c.node.inputs[0];
    const shape = c.shape(x);
    const axes = reducedAxes(c, shape.length);
    if (axes.length === 0) return [dy0(c), null];
    const count = axes.reduce((n, a) => n * shape[a], 1);
    let g = dy0(c);
    if (intAttr(c, "keepdims", 1) === 0) {
      // Put the reduced axes back as 1s. Static, with axis 0 copied from g, unless another kept axis grows with the
      // batch (Swin's windows × batch): then the target is the runtime shape of the keepdims reduction.
      const kept = shape.map((d, i) => (axes.includes(i) ? 1 : i === 0 ? 0 : d));
      const dynamic = shape.some((_, i) => i > 0 && !axes.includes(i) && c.batchAxis(x, i));
      const target = dynamic ? em.shape(em.reduce("ReduceSum", x, axes, true)) : em.ints(kept);
      g = em.op("Reshape", [g, target]);
    }
    if (mean) g = em.op("Div", [g, em.floats([count])]);
    return [em.op("Expand", [g, em.shape(x)]), null];
  };
}

/** Softmax over `axis` (opset ≥ 13) or over the flattened axes from `axis` on (before 13): dx = y·(dy − Σ dy·y). */
function softmaxAxes(c: RuleContext, rank: number): number[] {
  if (c.opset >= 13) return [axisOf(intAttr(c, "axis", -1), rank)];
  const from = axisOf(intAttr(c, "axis", 1), rank);
  return Array.from({ length: rank - from }, (_, i) => from + i);
}

const softmax: Rule = (c) => {
  const { em } = c;
  const y = c.node.outputs[0];
  const axes = softmaxAxes(c, c.shape(y).length);
  const g = dy0(c);
  const dot = em.reduce("ReduceSum", em.op("Mul", [g, y]), axes, true);
  return [em.op("Mul", [y, em.op("Sub", [g, dot])])];
};

/** y = x − log Σ eˣ: dx = dy − softmax(x)·Σ dy. */
const logSoftmax: Rule = (c) => {
  const { em } = c;
  const y = c.node.outputs[0];
  const axes = softmaxAxes(c, c.shape(y).length);
  const g = dy0(c);
  const total = em.reduce("ReduceSum", g, axes, true);
  return [em.op("Sub", [g, em.op("Mul", [em.op("Exp", [y]), total])])];
};

export const REDUCE_RULES: Record<string, Rule> = {
  ReduceMean: reduceBackward(true), ReduceSum: reduceBackward(false), Softmax: softmax, LogSoftmax: logSoftmax,
};
