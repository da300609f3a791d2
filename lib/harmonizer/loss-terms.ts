import * as tf from "@tensorflow/tfjs";

/** Constants of protocol.md §5 (they match serre-lab/Harmonization v0.0.9, training/loss.py). */
export const STANDARDIZE_EPSILON = 1e-5;
export const RESCALE_EPSILON = 1e-6;
export const PYRAMID_LEVELS = 5;
export const LABEL_SMOOTHING = 0.1;
export const WEIGHT_DECAY = 1e-5;

const BINOMIAL = [1, 4, 6, 4, 1];
/** The 5×5 binomial kernel [1,4,6,4,1]ᵀ[1,4,6,4,1] / 256, as a conv2d filter [5,5,1,1]. */
export const BINOMIAL_KERNEL: Float32Array = Float32Array.from(BINOMIAL.flatMap((a) => BINOMIAL.map((b) => (a * b) / 256)));

/** Per-image z-score over the two spatial axes (population std, ε added to it), then ReLU. maps: [B,H,W]. */
export function standardizeCut(maps: tf.Tensor3D, epsilon = STANDARDIZE_EPSILON): tf.Tensor3D {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(maps, [1, 2], true);
    return tf.relu(tf.div(tf.sub(maps, mean), tf.add(tf.sqrt(variance), epsilon))) as tf.Tensor3D;
  });
}

/** Identity whose gradient is zero (TF's stop_gradient). */
export const stopGradient: (x: tf.Tensor) => tf.Tensor = tf.customGrad(((x: tf.Tensor) => ({
  value: tf.clone(x),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor) => tf.Tensor;

/**
 * Levels 0..levels-1 of the Gaussian pyramid of maps [B,H,W]: level 0 is the map itself, each next level the
 * previous one filtered with the binomial kernel at stride 2, TF 'SAME' padding (224 → 112, 56, 28, 14).
 */
export function binomialPyramid(maps: tf.Tensor3D, levels = PYRAMID_LEVELS): tf.Tensor4D[] {
  const [b, h, w] = maps.shape;
  const kernel = tf.tensor4d(BINOMIAL_KERNEL, [5, 5, 1, 1]);
  const out: tf.Tensor4D[] = [tf.reshape(maps, [b, h, w, 1])];
  for (let i = 1; i < levels; i++) out.push(tf.conv2d(out[i - 1], kernel, 2, "same"));
  kernel.dispose();
  return out;
}

/**
 * Mean over levels of mean((a − b)² · token) at each pyramid level. The mean runs over all samples, masked ones
 * included (as the reference does), so a batch without maps contributes 0, not NaN.
 */
export function pyramidalMseWithTokens(a: tf.Tensor3D, b: tf.Tensor3D, tokens: tf.Tensor1D, levels = PYRAMID_LEVELS): tf.Scalar {
  return tf.tidy(() => {
    const pa = binomialPyramid(a, levels);
    const pb = binomialPyramid(b, levels);
    const mask = tf.reshape(tokens, [-1, 1, 1, 1]);
    const perLevel = pa.map((la, i) => tf.mean(tf.mul(tf.squaredDifference(la, pb[i]), mask)));
    return tf.div(tf.addN(perLevel), levels) as tf.Scalar;
  });
}

/** Keras CategoricalCrossentropy(from_logits=True, label_smoothing), averaged over the batch. */
export function smoothedCrossEntropy(labels: tf.Tensor1D, logits: tf.Tensor2D, smoothing = LABEL_SMOOTHING): tf.Scalar {
  return tf.tidy(() => {
    const k = logits.shape[1];
    const target = tf.add(tf.mul(tf.oneHot(labels, k), 1 - smoothing), smoothing / k);
    return tf.neg(tf.mean(tf.sum(tf.mul(target, tf.logSoftmax(logits)), -1))) as tf.Scalar;
  });
}

/** Σ ½‖w‖² (tf.nn.l2_loss summed over the given weights). */
export function halfSquaredNorm(weights: tf.Tensor[]): tf.Scalar {
  return tf.tidy(() =>
    weights.length === 0 ? tf.scalar(0) : (tf.mul(tf.addN(weights.map((w) => tf.sum(tf.square(w)))), 0.5) as tf.Scalar),
  );
}

/**
 * The alignment term given the training saliency [B,H,W] and the human maps [B,H,W]: both standardize-cut,
 * the human map rescaled to the saliency's stop-gradient max, then the pyramidal MSE.
 */
export function harmonizationTerm(saliency: tf.Tensor3D, humanMaps: tf.Tensor3D, tokens: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const sa = standardizeCut(saliency);
    const hm = standardizeCut(humanMaps);
    const hmMax = tf.add(tf.max(hm, [1, 2], true), RESCALE_EPSILON);
    const saMax = tf.add(stopGradient(tf.max(sa, [1, 2], true)), RESCALE_EPSILON);
    const rescaled = tf.mul(tf.div(hm, hmMax), saMax) as tf.Tensor3D;
    return pyramidalMseWithTokens(sa, rescaled, tokens);
  });
}
