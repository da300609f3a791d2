import * as tf from "@tensorflow/tfjs";
import { afterAll, describe, expect, it } from "vitest";
import { initBackend } from "@/lib/tf/backend";
import { registerSecondOrderGradients } from "./second-order-gradients";

registerSecondOrderGradients();

type Op = (x: tf.Tensor4D, w: tf.Tensor1D) => tf.Tensor;
const W = 60;
/** Each op reads the first weights of w; inputs x: [2,6,6,3]. */
const OPS: Record<string, Op> = {
  conv: (x, w) => tf.conv2d(x, tf.reshape(tf.slice(w, 0, 54), [3, 3, 3, 2]) as tf.Tensor4D, 2, "same"),
  depthwise: (x, w) => tf.depthwiseConv2d(x, tf.reshape(tf.slice(w, 0, 27), [3, 3, 3, 1]) as tf.Tensor4D, 1, "same"),
  dense: (x, w) =>
    tf.matMul(
      tf.reshape(tf.slice(x, [0, 0, 0, 0], [2, 2, 3, 3]), [2, 18]) as tf.Tensor2D,
      tf.reshape(tf.slice(w, 0, 36), [18, 2]) as tf.Tensor2D,
    ),
  "batch norm": (x, w) => {
    const z = tf.mul(x, tf.slice(w, 0, 3)) as tf.Tensor4D;
    const { mean, variance } = tf.moments(z, [0, 1, 2]);
    return tf.mul(tf.batchNorm(z, mean, variance, tf.slice(w, 3, 3), tf.slice(w, 6, 3), 1e-3), tf.slice(w, 9, 3));
  },
  "average pooling": (x, w) => tf.mul(tf.avgPool(tf.mul(x, tf.slice(w, 0, 3)) as tf.Tensor4D, 3, 2, "same"), tf.slice(w, 3, 3)),
  relu: (x, w) => tf.mul(tf.relu(tf.mul(x, tf.slice(w, 0, 3))), tf.slice(w, 3, 3)),
  relu6: (x, w) => tf.mul(tf.relu6(tf.mul(tf.mul(x, tf.slice(w, 0, 3)), 5)), tf.slice(w, 3, 3)),
};

/** L(w) = Σ (r ⊙ ∂/∂x Σ(c ⊙ op(x; w)))²: a loss on the input gradient, like the harmonizer's. */
function lossOnInputGradient(op: Op, x: tf.Tensor4D, w: tf.Tensor1D): tf.Scalar {
  const out = op(x, w);
  const c = tf.randomNormal(out.shape, 0, 1, "float32", 3);
  const gx = tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(op(xx as tf.Tensor4D, w), c)))(x);
  return tf.sum(tf.square(tf.mul(gx, tf.randomNormal(gx.shape, 1, 0.5, "float32", 4)))) as tf.Scalar;
}

/** ⟨∇L(w), v⟩ from tf against the central difference (L(w+hv) − L(w−hv)) / 2h. */
function directionalCheck(op: Op): { analytic: number; numeric: number } {
  return tf.tidy(() => {
    // |x| in [0.3, 1.5] and w near 1 keep ReLU/ReLU6 inputs away from their kinks (0 and 6) under the FD step.
    const u = tf.randomUniform([2, 6, 6, 3], 0.3, 1.5, "float32", 1);
    const x = tf.mul(u, tf.sign(tf.randomNormal(u.shape, 0, 1, "float32", 6))) as tf.Tensor4D;
    const w = tf.randomNormal([W], 1, 0.05, "float32", 2) as tf.Tensor1D;
    const v = tf.randomNormal([W], 0, 1, "float32", 5) as tf.Tensor1D;
    const g = tf.grad((ww: tf.Tensor) => lossOnInputGradient(op, x, ww as tf.Tensor1D))(w);
    const analytic = tf.sum(tf.mul(g, v)).arraySync() as number;
    const h = 1e-3;
    const at = (s: number) => lossOnInputGradient(op, x, tf.add(w, tf.mul(v, s)) as tf.Tensor1D).arraySync() as number;
    return { analytic, numeric: (at(h) - at(-h)) / (2 * h) };
  });
}

afterAll(async () => {
  await tf.setBackend("cpu");
});

describe.each(["cpu", "wasm"] as const)("second-order gradients on %s", (backend) => {
  it.each(Object.keys(OPS))("%s matches finite differences", async (name) => {
    await initBackend(backend);
    const { analytic, numeric } = directionalCheck(OPS[name]);
    expect(Math.abs(analytic)).toBeGreaterThan(1e-3);
    expect(Math.abs(analytic - numeric)).toBeLessThan(2e-2 * Math.max(Math.abs(numeric), 1e-2));
  });
});
