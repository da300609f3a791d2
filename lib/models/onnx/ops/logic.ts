/** Comparisons, boolean logic, selection and Mod (torch exports them for masks and padding arithmetic). */
import * as tf from "@tensorflow/tfjs";
import { broadcastShape } from "./shape";
import { attrInt, type OpFn } from "./types";

const cmp = (f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor): OpFn => ([a, b]) => [f(a!, b!)];

/** fmod = 0: the sign of the divisor (Python's %); fmod = 1: the sign of the dividend (C's fmod). */
const mod: OpFn = ([a, b], node) => {
  if (attrInt(node, "fmod", 0) === 0) return [tf.mod(a!, b!)];
  const af = tf.cast(a!, "float32");
  const bf = tf.cast(b!, "float32");
  const q = tf.div(af, bf);
  const trunc = tf.mul(tf.sign(q), tf.floor(tf.abs(q)));
  const r = tf.sub(af, tf.mul(trunc, bf));
  return [a!.dtype === "float32" ? r : tf.cast(r, a!.dtype)];
};

export const logicOps: Record<string, OpFn> = {
  Equal: cmp((a, b) => tf.equal(a, b)),
  Less: cmp((a, b) => tf.less(a, b)),
  LessOrEqual: cmp((a, b) => tf.lessEqual(a, b)),
  Greater: cmp((a, b) => tf.greater(a, b)),
  GreaterOrEqual: cmp((a, b) => tf.greaterEqual(a, b)),
  And: cmp((a, b) => tf.logicalAnd(a, b)),
  Or: cmp((a, b) => tf.logicalOr(a, b)),
  Xor: cmp((a, b) => tf.logicalXor(a, b)),
  Not: ([x]) => [tf.logicalNot(x!)],
  Mod: mod,
  Where: ([c, a, b]) => {
    const shape = broadcastShape(broadcastShape(c!.shape, a!.shape), b!.shape);
    return [tf.where(tf.broadcastTo(c!, shape), tf.broadcastTo(a!, shape), tf.broadcastTo(b!, shape))];
  },
};
