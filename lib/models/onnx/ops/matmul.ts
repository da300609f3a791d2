/** Dense products. A constant weight's input gradient uses a cached transpose (see constMatMul). */
import * as tf from "@tensorflow/tfjs";
import { attrFloat, attrInt, type OpCtx, type OpFn } from "./types";

/**
 * x · w for a constant w, whose input gradient dy · wᵀ multiplies by a cached wᵀ: tfjs's own gradient calls
 * matMul(dy, w, false, true), and wasm's transposed-B product was ~10× slower (measured on Swin-T's MLPs).
 */
function constMatMul(x: tf.Tensor2D, w: tf.Tensor2D, wT: tf.Tensor2D): tf.Tensor2D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: tf.matMul(args[0] as tf.Tensor2D, w),
    gradFunc: (dy: tf.Tensor) => tf.matMul(dy as tf.Tensor2D, wT),
  }));
  return f(x) as tf.Tensor2D;
}

/** x [M,K] · w [K,N] where w is the node's input 1, memoised in both orientations when it is a constant. */
function matMul2d(x: tf.Tensor2D, w: tf.Tensor2D, ctx: OpCtx, key: string, name: string, transposeW: boolean): tf.Tensor2D {
  if (!ctx.isConst(name)) return tf.matMul(x, w, false, transposeW);
  const wm = transposeW ? (ctx.memo(`${key}:wT`, () => tf.transpose(w)) as tf.Tensor2D) : w;
  const wmT = transposeW ? w : (ctx.memo(`${key}:wT`, () => tf.transpose(w)) as tf.Tensor2D);
  return constMatMul(x, wm, wmT);
}

const gemm: OpFn = ([a, b, c], node, ctx) => {
  const alpha = attrFloat(node, "alpha", 1);
  const beta = attrFloat(node, "beta", 1);
  const ta = attrInt(node, "transA", 0) === 1;
  const tb = attrInt(node, "transB", 0) === 1;
  const a2 = (ta ? tf.transpose(a!) : a!) as tf.Tensor2D;
  let y: tf.Tensor = matMul2d(a2, b as tf.Tensor2D, ctx, node.name, node.inputs[1], tb);
  if (alpha !== 1) y = tf.mul(y, alpha);
  if (c) y = tf.add(y, beta === 1 ? c : tf.mul(c, beta));
  return [y];
};

/** numpy matmul: 1-D operands promoted and squeezed back, batch dimensions broadcast. */
const matmul: OpFn = ([a, b], node, ctx) => {
  let x = a!;
  let w = b!;
  const aVec = x.rank === 1;
  const bVec = w.rank === 1;
  if (aVec) x = tf.reshape(x, [1, -1]);
  if (bVec) w = tf.reshape(w, [-1, 1]);
  let y: tf.Tensor;
  if (w.rank === 2 && !bVec) {
    // [..., M, K] × [K, N] (a Linear layer on tokens): one 2-D product, the weight never broadcast.
    const k = x.shape[x.rank - 1];
    const n = w.shape[1] as number;
    y = tf.reshape(matMul2d(tf.reshape(x, [-1, k]) as tf.Tensor2D, w as tf.Tensor2D, ctx, node.name, node.inputs[1], false), [...x.shape.slice(0, -1), n]);
  } else if (x.rank === 2 && w.rank === 2) {
    y = tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D);
  } else {
    const batchA = x.shape.slice(0, -2);
    const batchB = w.shape.slice(0, -2);
    const rank = Math.max(batchA.length, batchB.length);
    const pad = (s: number[]) => [...new Array(rank - s.length).fill(1), ...s];
    const pa = pad(batchA);
    const pb = pad(batchB);
    const batch = pa.map((v, i) => Math.max(v, pb[i]));
    const [m, k] = x.shape.slice(-2);
    const [k2, cols] = w.shape.slice(-2);
    const xa = tf.broadcastTo(tf.reshape(x, [...pa, m, k]), [...batch, m, k]);
    const wb = tf.broadcastTo(tf.reshape(w, [...pb, k2, cols]), [...batch, k2, cols]);
    const n = batch.reduce((p, q) => p * q, 1);
    const m3 = tf.matMul(tf.reshape(xa, [n, m, k]) as tf.Tensor3D, tf.reshape(wb, [n, k2, cols]) as tf.Tensor3D);
    y = tf.reshape(m3, [...batch, m, cols]);
  }
  if (aVec) y = tf.squeeze(y, [y.rank - 2]);
  if (bVec) y = tf.squeeze(y, [y.rank - 1]);
  return [y];
};

export const matmulOps: Record<string, OpFn> = { Gemm: gemm, MatMul: matmul };
