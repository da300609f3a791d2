/** Elementwise one-input ops. Masks are taken from outputs where they can be, so Conv→Relu stays fusable in onnxruntime. */
import { dy0, floatAttr, refuse, type Rule, type RuleContext } from "./types";

const x0 = (c: RuleContext) => c.node.inputs[0];
const y0 = (c: RuleContext) => c.node.outputs[0];
const where = (c: RuleContext, mask: string, ifTrue: string, ifFalse: string) => c.em.op("Where", [mask, ifTrue, ifFalse]);
const zero = (c: RuleContext) => c.em.floats([0]);

/** PyTorch's masks: relu passes where x > 0, hardtanh (ReLU6, Clip) where min < x < max, exclusive at both ends. */
const relu: Rule = (c) => [where(c, c.em.op("Greater", [y0(c), zero(c)]), dy0(c), zero(c))];

function clip(c: RuleContext): (string | null)[] {
  const { em } = c;
  // opset ≥ 11: min and max are optional inputs ("" when left out).
  const lo = c.node.inputs[1] || null;
  const hi = c.node.inputs[2] || null;
  if ((lo && c.constant(lo) === null) || (hi && c.constant(hi) === null)) refuse("Clip bounds that are computed, not constant");
  const y = y0(c);
  const masks = [lo && em.op("Greater", [y, lo]), hi && em.op("Less", [y, hi])].filter((m): m is string => !!m);
  if (!masks.length) return [dy0(c)];
  const mask = masks.length === 2 ? em.op("And", masks) : masks[0];
  return [where(c, mask, dy0(c), zero(c))];
}

const leakyRelu: Rule = (c) => {
  const alpha = floatAttr(c, "alpha", 0.01);
  const g = dy0(c);
  return [where(c, c.em.op("Greater", [x0(c), zero(c)]), g, c.em.op("Mul", [g, c.em.floats([alpha])]))];
};

const elu: Rule = (c) => {
  const alpha = floatAttr(c, "alpha", 1);
  const g = dy0(c);
  // x ≤ 0: y = α(eˣ − 1), y' = y + α.
  const slope = c.em.op("Add", [y0(c), c.em.floats([alpha])]);
  return [where(c, c.em.op("Greater", [x0(c), zero(c)]), g, c.em.op("Mul", [g, slope]))];
};

const sigmoid: Rule = (c) => {
  const y = y0(c);
  const slope = c.em.op("Mul", [y, c.em.op("Sub", [c.em.floats([1]), y])]);
  return [c.em.op("Mul", [dy0(c), slope])];
};

const tanh: Rule = (c) => {
  const y = y0(c);
  const slope = c.em.op("Sub", [c.em.floats([1]), c.em.op("Mul", [y, y])]);
  return [c.em.op("Mul", [dy0(c), slope])];
};

const hardSigmoid: Rule = (c) => {
  const alpha = floatAttr(c, "alpha", 0.2);
  const y = y0(c);
  const inside = c.em.op("And", [c.em.op("Greater", [y, zero(c)]), c.em.op("Less", [y, c.em.floats([1])])]);
  return [where(c, inside, c.em.op("Mul", [dy0(c), c.em.floats([alpha])]), zero(c))];
};

/** PyTorch's hardswish_backward: 0 below −3, x/3 + ½ up to 3 inclusive, 1 above. */
const hardSwish: Rule = (c) => {
  const { em } = c;
  const x = x0(c);
  const g = dy0(c);
  const middle = em.op("Mul", [g, em.op("Add", [em.op("Div", [x, em.floats([3])]), em.floats([0.5])])]);
  const upper = where(c, em.op("Greater", [x, em.floats([3])]), g, middle);
  return [where(c, em.op("Less", [x, em.floats([-3])]), zero(c), upper)];
};

const erf: Rule = (c) => {
  const { em } = c;
  const x = x0(c);
  const gauss = em.op("Exp", [em.op("Neg", [em.op("Mul", [x, x])])]);
  return [em.op("Mul", [dy0(c), em.op("Mul", [gauss, em.floats([2 / Math.sqrt(Math.PI)])])])];
};

const softplus: Rule = (c) => [c.em.op("Mul", [dy0(c), c.em.op("Sigmoid", [x0(c)])])];
const sqrt: Rule = (c) => [c.em.op("Div", [c.em.op("Mul", [dy0(c), c.em.floats([0.5])]), y0(c)])];
const exp: Rule = (c) => [c.em.op("Mul", [dy0(c), y0(c)])];
const log: Rule = (c) => [c.em.op("Div", [dy0(c), x0(c)])];
const neg: Rule = (c) => [c.em.op("Neg", [dy0(c)])];
const abs: Rule = (c) => [c.em.op("Mul", [dy0(c), c.em.op("Sign", [x0(c)])])];
const reciprocal: Rule = (c) => {
  const y = y0(c);
  return [c.em.op("Neg", [c.em.op("Mul", [dy0(c), c.em.op("Mul", [y, y])])])];
};
const pass: Rule = (c) => [dy0(c)];

/** Dropout in inference and Cast between float types pass the adjoint through. */
const cast: Rule = (c) => {
  const to = c.node.attrs.get("to")?.i;
  if (to !== 1) refuse(`Cast to data type ${to} on the path from the image to the logits`);
  return [dy0(c)];
};

export const ACTIVATION_RULES: Record<string, Rule> = {
  Relu: relu, Clip: clip, LeakyRelu: leakyRelu, Elu: elu, Sigmoid: sigmoid, Tanh: tanh, HardSigmoid: hardSigmoid,
  HardSwish: hardSwish, Erf: erf, Softplus: softplus, Sqrt: sqrt, Exp: exp, Log: log, Neg: neg, Abs: abs,
  Reciprocal: reciprocal, Identity: pass, Dropout: pass, Cast: cast,
};
