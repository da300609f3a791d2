import * as tf from "@tensorflow/tfjs";

type PoolAttrs = { filterSize: [number, number] | number; strides: [number, number] | number; pad: "valid" | "same" | number };
type DepthwiseAttrs = {
  strides: [number, number] | number;
  pad: "valid" | "same" | number;
  dilations?: [number, number] | number;
  dimRoundingMode?: "floor" | "round" | "ceil";
};

/**
 * Gradients tfjs 4.22 does not register but that the harmonizer's second-order gradient reaches: the input
 * gradient of a network is built from these backward kernels, and the loss is differentiated through it.
 * Kernel-independent (they are compositions of forward ops), so they serve cpu, wasm and webgl alike.
 */
const SECOND_ORDER_GRADIENTS: tf.GradConfig[] = [
  {
    // AvgPoolGrad is linear in dy. tfjs divides every window by fh·fw (TF's forward AvgPool divides by the count of
    // non-padded cells), so its adjoint is a window sum / (fh·fw): a depthwise conv with a constant filter.
    kernelName: "AvgPoolGrad",
    inputsToSave: ["input"],
    gradFunc: (dyOut, saved, attrs) => {
      const ddx = dyOut as tf.Tensor4D;
      const { filterSize, strides, pad } = attrs as unknown as PoolAttrs;
      const [fh, fw] = typeof filterSize === "number" ? [filterSize, filterSize] : filterSize;
      const channels = ddx.shape[3];
      return {
        dy: () => tf.tidy(() => tf.depthwiseConv2d(ddx, tf.fill([fh, fw, channels, 1], 1 / (fh * fw)) as tf.Tensor4D, strides, pad)),
        input: () => tf.zerosLike(saved[0]),
      };
    },
  },
  {
    // Same structure as tfjs' own Conv2DBackpropInput gradient, for the depthwise case.
    kernelName: "DepthwiseConv2dNativeBackpropInput",
    inputsToSave: ["dy", "filter"],
    gradFunc: (dyOut, saved, attrs) => {
      const ddx = dyOut as tf.Tensor4D;
      const [dy, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const { strides, pad, dilations, dimRoundingMode } = attrs as unknown as DepthwiseAttrs;
      const d = dilations ?? 1;
      return {
        dy: () => tf.depthwiseConv2d(ddx, filter, strides, pad, "NHWC", d, dimRoundingMode),
        // The op is not exported by tfjs 4.22; its kernel is (cpu natively, wasm through lib/tf's adapter).
        filter: () =>
          tf.engine().runKernel("DepthwiseConv2dNativeBackpropFilter", { x: ddx, dy }, {
            strides,
            pad,
            dilations: d,
            dimRoundingMode,
            filterShape: filter.shape,
          } as unknown as tf.NamedAttrMap) as unknown as tf.Tensor4D,
      };
    },
  },
  {
    // Comparisons are piecewise constant; tfjs registers GreaterEqual but not LessEqual, which ReLU6's gradient uses.
    kernelName: "LessEqual",
    inputsToSave: ["a", "b"],
    gradFunc: (_dy, saved) => ({ a: () => tf.zerosLike(saved[0]), b: () => tf.zerosLike(saved[1]) }),
  },
];

let registered = false;

/** Registers the missing second-order gradients once per process (never overriding one tfjs already has). */
export function registerSecondOrderGradients(): void {
  if (registered) return;
  for (const config of SECOND_ORDER_GRADIENTS) {
    if (tf.getGradient(config.kernelName) == null) tf.registerGradient(config);
  }
  registered = true;
}

export const SECOND_ORDER_GRADIENT_KERNELS: readonly string[] = SECOND_ORDER_GRADIENTS.map((c) => c.kernelName);
