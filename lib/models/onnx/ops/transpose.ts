/**
 * Transposes as tensors of rank ≤ 4: tfjs-backend-wasm moves rank ≥ 5 element by element (Swin-T's qkv permute
 * of [64,49,3,3,32] took ~0.5 s). Axes that stay neighbours merge; what is still above rank 4 is done as a sequence
 * of single-axis moves, each of which merges to rank ≤ 4 (prefix, moved axis, the axes it crosses, suffix).
 */
import * as tf from "@tensorflow/tfjs";

/** Runs of input axes that stay consecutive in `perm`: the reduced shape and permutation. */
function merge(shape: number[], perm: number[]): { shape: number[]; perm: number[] } {
  const groups: number[][] = [];
  for (const a of perm) {
    const last = groups[groups.length - 1];
    if (last && last[last.length - 1] + 1 === a) last.push(a);
    else groups.push([a]);
  }
  const byInput = [...groups].sort((g, h) => g[0] - h[0]);
  const reducedShape = byInput.map((g) => g.reduce((p, a) => p * shape[a], 1));
  return { shape: reducedShape, perm: groups.map((g) => byInput.indexOf(g)) };
}

function lowRank(x: tf.Tensor, perm: number[]): tf.Tensor {
  const out = perm.map((a) => x.shape[a]);
  const m = merge(x.shape, perm);
  if (m.perm.every((a, i) => a === i)) return tf.reshape(x, out);
  if (m.shape.length === x.rank) return tf.transpose(x, perm);
  return tf.reshape(tf.transpose(tf.reshape(x, m.shape), m.perm), out);
}

export function transposeFast(x: tf.Tensor, perm: number[]): tf.Tensor {
  if (merge(x.shape, perm).shape.length <= 4) return lowRank(x, perm);
  // Selection: bring the axis that belongs at position t there, one move at a time.
  let y = x;
  let order = x.shape.map((_, i) => i);
  for (let t = 0; t < perm.length; t++) {
    const at = order.indexOf(perm[t]);
    if (at === t) continue;
    const move = order.map((_, i) => i);
    move.splice(at, 1);
    move.splice(t, 0, at);
    y = lowRank(y, move);
    order = move.map((i) => order[i]);
  }
  return y;
}
