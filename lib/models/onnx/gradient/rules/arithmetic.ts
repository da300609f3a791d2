/** Broadcasting arithmetic: each operand's contribution is summed back over the axes it was broadcast along. */
import { unbroadcast } from "./broadcast";
import { dy0, refuse, type Rule, type RuleContext } from "./types";

const out = (c: RuleContext) => c.shape(c.node.outputs[0]);

function binary(c: RuleContext, forA: () => string, forB: () => string): (string | null)[] {
  const [a, b] = c.node.inputs;
  return [c.needs(0) ? unbroadcast(c, forA(), out(c), a) : null, c.needs(1) ? unbroadcast(c, forB(), out(c), b) : null];
}

const add: Rule = (c) => binary(c, () => dy0(c), () => dy0(c));
const sub: Rule = (c) => binary(c, () => dy0(c), () => c.em.op("Neg", [dy0(c)]));
const mul: Rule = (c) => {
  const [a, b] = c.node.inputs;
  return binary(c, () => c.em.op("Mul", [dy0(c), b]), () => c.em.op("Mul", [dy0(c), a]));
};
/** d(a/b)/db = −a/b² = −y/b. */
const div: Rule = (c) => {
  const b = c.node.inputs[1];
  return binary(c, () => c.em.op("Div", [dy0(c), b]), () => c.em.op("Neg", [c.em.op("Div", [c.em.op("Mul", [dy0(c), c.node.outputs[0]]), b])]));
};

const pow: Rule = (c) => {
  if (c.needs(1)) refuse("an exponent that depends on the image");
  const [a, e] = c.node.inputs;
  const { em } = c;
  const slope = em.op("Mul", [e, em.op("Pow", [a, em.op("Sub", [e, em.floats([1])])])]);
  return [unbroadcast(c, em.op("Mul", [dy0(c), slope]), out(c), a), null];
};

const sum: Rule = (c) => c.node.inputs.map((x, i) => (c.needs(i) ? unbroadcast(c, dy0(c), out(c), x) : null));
const mean: Rule = (c) => {
  const share = c.em.op("Div", [dy0(c), c.em.floats([c.node.inputs.length])]);
  return c.node.inputs.map((x, i) => (c.needs(i) ? unbroadcast(c, share, out(c), x) : null));
};

/** torch.maximum / minimum: the larger (smaller) operand takes the adjoint; exact ties split it in half. */
function extremum(pick: "Greater" | "Less"): Rule {
  return (c) => {
    if (c.node.inputs.length !== 2) refuse(`${c.node.opType} of ${c.node.inputs.length} inputs (2 are supported)`);
    const { em } = c;
    const [a, b] = c.node.inputs;
    const half = em.floats([0.5]);
    const tie = em.op("Mul", [em.op("Cast", [em.op("Equal", [a, b])], { to: 1 }), half]);
    const share = (x: string, y: string) => em.op("Add", [em.op("Cast", [em.op(pick, [x, y])], { to: 1 }), tie]);
    return binary(c, () => em.op("Mul", [dy0(c), share(a, b)]), () => em.op("Mul", [dy0(c), share(b, a)]));
  };
}

const where: Rule = (c) => {
  if (c.needs(0)) refuse("a Where condition that depends on the image");
  const [cond, a, b] = c.node.inputs;
  const { em } = c;
  const zero = em.floats([0]);
  return [
    null,
    c.needs(1) ? unbroadcast(c, em.op("Where", [cond, dy0(c), zero]), out(c), a) : null,
    c.needs(2) ? unbroadcast(c, em.op("Where", [cond, zero, dy0(c)]), out(c), b) : null,
  ];
};

const expand: Rule = (c) => [unbroadcast(c, dy0(c), out(c), c.node.inputs[0]), null];

export const ARITHMETIC_RULES: Record<string, Rule> = {
  Add: add, Sub: sub, Mul: mul, Div: div, Pow: pow, Sum: sum, Mean: mean, Max: extremum("Greater"), Min: extremum("Less"),
  Where: where, Expand: expand,
};
