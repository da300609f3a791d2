import * as tf from "@tensorflow/tfjs";

let depth = 0;

/** True while `inputGradient` runs: kernels that compute gradients w.r.t. weights may skip their work. */
export function weightGradientsSkipped(): boolean {
  return depth > 0;
}

/**
 * ∂f(x)/∂x. tfjs-layers always calls tf.fused.conv2d / depthwiseConv2d / matMul, whose custom gradient computes
 * the filter gradient eagerly (slow on cpu, missing on wasm) even when only x is differentiated. tf.grad returns
 * the gradient of x alone, so inside this scope every weight gradient is discarded unread; the patched weight-
 * gradient kernels (lib/tf/gradient-patches.ts) return zeros instead of computing it.
 */
export function inputGradient<T extends tf.Tensor>(f: (x: T) => tf.Scalar, x: T): T {
  depth++;
  try {
    return tf.grad((t) => f(t as T))(x) as T;
  } finally {
    depth--;
  }
}
