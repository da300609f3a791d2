/** Gemm and MatMul: both operands may depend on the image (attention's Q·Kᵀ and A·V). */
import { unbroadcast } from "./broadcast";
import { dy0, floatAttr, intAttr, refuse, type Rule, type RuleContext } from "./types";

/** Y = α·op(A)·op(B) + β·C. dA = α·dY·op(B)ᵀ (transposed back if transA), dB = α·op(A)ᵀ·dY (likewise), dC = β·dY. */
const gemm: Rule = (c) => {
  const { em } = c;
  const [a, b, cIn] = c.node.inputs;
  const alpha = floatAttr(c, "alpha", 1);
  const beta = floatAttr(c, "beta", 1);
  const transA = intAttr(c, "transA", 0);
  const transB = intAttr(c, "transB", 0);
  const g = dy0(c);
  let dA: string | null = null;
  let dB: string | null = null;
  if (c.needs(0)) {
    const t = em.op("Gemm", [g, b], { alpha: { f: alpha }, transB: transB ? 0 : 1 });
    dA = transA ? em.op("Transpose", [t], { perm: [1, 0] }) : t;
  }
  if (c.needs(1)) {
    const t = em.op("Gemm", [a, g], { alpha: { f: alpha }, transA: transA ? 0 : 1 });
    dB = transB ? em.op("Transpose", [t], { perm: [1, 0] }) : t;
  }
  const dC = cIn && c.needs(2) ? unbroadcast(c, beta === 1 ? g : em.op("Mul", [g, em.floats([beta])]), c.shape(c.node.outputs[0]), cIn) : null;
  return [dA, dB, dC];
};

function swapLast(c: RuleContext, x: string): string {
  const rank = c.shape(x).length;
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return c.em.op("Transpose", [x], { perm });
}

/** Batched, broadcasting matmul of operands of rank ≥ 2; the batch axes an operand was broadcast along are summed. */
const matMul: Rule = (c) => {
  const [a, b] = c.node.inputs;
  if (c.shape(a).length < 2 || c.shape(b).length < 2) refuse("MatMul with a 1-D operand");
  const g = dy0(c);
  const out = c.shape(c.node.outputs[0]);
  return [
    c.needs(0) ? unbroadcast(c, c.em.op("MatMul", [g, swapLast(c, b)]), out.slice(0, -1).concat(c.shape(a).slice(-1)), a) : null,
    c.needs(1) ? unbroadcast(c, c.em.op("MatMul", [swapLast(c, a), g]), out.slice(0, -2).concat(c.shape(b).slice(-2)), b) : null,
  ];
};

export const LINEAR_RULES: Record<string, Rule> = { Gemm: gemm, MatMul: matMul };
