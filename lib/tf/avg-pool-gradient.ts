import * as tf from "@tensorflow/tfjs";

type PoolAttrs = {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: "floor" | "round" | "ceil";
};

/** How many input cells of a window lie inside the input, along one axis. */
function validCells(start: number, size: number, extent: number): number {
  return Math.max(0, Math.min(start + size, extent) - Math.max(start, 0));
}

/**
 * AvgPool's gradient. The forward op divides each window by its count of non-padded cells (TensorFlow's semantics,
 * on every tfjs backend), but tfjs 4.22's gradient (AvgPoolGrad) divides by the full window size, so input
 * gradients are wrong wherever a window overlaps 'same' padding: at every feature-map border of e.g. InceptionV3.
 * Scaling dy by window size / valid count first makes AvgPoolGrad's sum exact. Without padding the scale is 1 and
 * the stock gradient runs unchanged.
 */
export const avgPoolGradConfig: tf.GradConfig = {
  kernelName: "AvgPool",
  inputsToSave: ["x"],
  gradFunc: (dy, [x], attrs) => {
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as PoolAttrs;
    const info = tf.backend_util.computePool2DInfo(
      x.shape as [number, number, number, number],
      filterSize,
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    const {
      filterHeight: fh,
      filterWidth: fw,
      strideHeight: sh,
      strideWidth: sw,
      inHeight: h,
      inWidth: w,
      outHeight: oh,
      outWidth: ow,
    } = info;
    const { top, left } = info.padInfo;
    const scale = new Float32Array(oh * ow);
    let padded = false;
    for (let i = 0; i < oh; i++) {
      const rows = validCells(i * sh - top, fh, h);
      for (let j = 0; j < ow; j++) {
        const count = rows * validCells(j * sw - left, fw, w);
        scale[i * ow + j] = count > 0 ? (fh * fw) / count : 0;
        if (count !== fh * fw) padded = true;
      }
    }
    const run = (g: tf.Tensor) => tf.engine().runKernel("AvgPoolGrad", { dy: g, input: x }, attrs) as tf.Tensor;
    return { x: () => (padded ? run(tf.mul(dy as tf.Tensor, tf.tensor4d(scale, [1, oh, ow, 1]))) : run(dy as tf.Tensor)) };
  },
};
