import * as tf from "@tensorflow/tfjs";

/**
 * FusedBatchNorm gradient without tf.tile: the stock config tiles rsqrt(variance) to the full activation shape
 * before multiplying, and wasm's Tile was the largest single cost of a MobileNetV2 input gradient. Broadcasting
 * multiplies give the same values. Every gradient stays lazy, so an input gradient computes only dx.
 */
export const batchNormGradConfig: tf.GradConfig = {
  kernelName: "FusedBatchNorm",
  inputsToSave: ["x", "mean", "variance", "scale"],
  gradFunc: (dy, saved, attrs) => {
    const { varianceEpsilon } = attrs as unknown as { varianceEpsilon: number };
    const [x, mean, variance, scale] = saved;
    const g = dy as tf.Tensor;
    const axes = tf.backend_util.getReductionAxes(mean.shape, x.shape);
    const reduce = (t: tf.Tensor) => tf.reshape(axes.length > 0 ? tf.sum(t, axes) : t, mean.shape);
    const inv = () => tf.rsqrt(tf.add(variance, tf.scalar(varianceEpsilon)));
    const scaled = () => (scale == null ? g : tf.mul(g, scale));
    return {
      x: () => tf.mul(g, scale == null ? inv() : tf.mul(inv(), scale)),
      mean: () => reduce(tf.mul(tf.neg(inv()), scaled())),
      variance: () => reduce(tf.mul(tf.mul(tf.mul(tf.pow(inv(), 3), tf.scalar(-0.5)), tf.sub(x, mean)), scaled())),
      scale: () => reduce(tf.mul(g, tf.mul(tf.sub(x, mean), inv()))),
      offset: () => reduce(g),
    };
  },
};
