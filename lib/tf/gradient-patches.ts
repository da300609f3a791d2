import * as tf from "@tensorflow/tfjs";
import { batchNormGradConfig } from "@/lib/tf/batch-norm-gradient";
import { convInputGradient, type ConvAttrs } from "@/lib/tf/conv-backprop";
import { weightGradientsSkipped } from "@/lib/tf/input-gradient";
import { adaptCpuKernel, zerosInfo } from "@/lib/tf/kernel-adapter";
import { clipByValueGradConfig, maximumGradConfig, minimumGradConfig, relu6GradConfig } from "@/lib/tf/activation-gradients";
import { avgPoolGradConfig } from "@/lib/tf/avg-pool-gradient";
import { compositeBatchNorm } from "@/lib/tf/batch-norm-kernel";

type KernelArgs = Parameters<tf.KernelConfig["kernelFunc"]>[0];

/**
 * wasm kernels replaced by the cpu implementation: UnsortedSegmentSum is missing in tfjs-backend-wasm 4.22 and
 * MaxPoolGrad is wrong there for more than one channel (measured: errors of the order of the gradient itself).
 */
export const WASM_CPU_KERNELS = ["UnsortedSegmentSum", "MaxPoolGrad"] as const;
const WEIGHT_GRADIENT_KERNELS = ["Conv2DBackpropFilter", "DepthwiseConv2dNativeBackpropFilter"] as const;

function asTensor4D(info: tf.TensorInfo | undefined, what: string): tf.Tensor4D {
  if (!(info instanceof tf.Tensor) || info.rank !== 4) throw new Error(`${what} must be a rank-4 tensor`);
  return info as tf.Tensor4D;
}

function forwardInputGradientKernel(kind: "conv2d" | "depthwise") {
  return ({ inputs, attrs }: KernelArgs) => {
    const a = attrs as unknown as ConvAttrs & { inputShape: [number, number, number, number]; dataFormat?: string };
    if (a.dataFormat != null && a.dataFormat !== "NHWC") throw new Error(`Only NHWC input gradients are supported`);
    const dy = asTensor4D(inputs.dy, "dy");
    const filter = asTensor4D(inputs.filter, "filter");
    return tf.tidy(() => convInputGradient(kind, a.inputShape, dy, filter, a)) as unknown as tf.TensorInfo;
  };
}

/**
 * wasm's Identity copies the data; the engine clones every tensor it saves for a gradient, so a MobileNetV2 input
 * gradient made 616 copies (~35 ms). Tensors are immutable, so sharing the data as wasm's own Reshape does is safe.
 */
function sharingIdentity(stock: tf.KernelConfig["kernelFunc"]): tf.KernelConfig["kernelFunc"] {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    if (x.dtype === "string") return stock(args);
    (args.backend as tf.KernelBackend & { incRef(dataId: tf.DataId): void }).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}

function replaceKernel(kernelName: string, backendName: string, kernelFunc: tf.KernelConfig["kernelFunc"]): void {
  if (tf.getKernel(kernelName, backendName) != null) tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ kernelName, backendName, kernelFunc });
}

const installed = new Set<string>();

/**
 * Makes input gradients fast and complete on `backendName`. Idempotent.
 * - wasm: depthwise/conv input gradients as forward convolutions; missing kernels run the cpu implementation.
 * - wasm: Identity shares data instead of copying it; FusedBatchNorm runs as float32 SIMD kernels;
 * - all backends: a FusedBatchNorm gradient without tf.tile, Relu6/ClipByValue/Minimum/Maximum gradients without
 *   bool masks, and an AvgPool gradient that is right at padded borders (gradients are global, not per backend);
 * - every backend: weight-gradient kernels return zeros inside `inputGradient` (their result is never read there).
 */
export function installGradientPatches(backendName: string): void {
  if (installed.has(backendName)) return;
  if (installed.size === 0) {
    const configs = [batchNormGradConfig, clipByValueGradConfig, relu6GradConfig, minimumGradConfig, maximumGradConfig, avgPoolGradConfig];
    for (const config of configs) tf.registerGradient(config);
  }
  if (backendName === "wasm") {
    replaceKernel("FusedBatchNorm", "wasm", compositeBatchNorm(tf.getKernel("FusedBatchNorm", "wasm")!.kernelFunc));
    replaceKernel("Identity", "wasm", sharingIdentity(tf.getKernel("Identity", "wasm")!.kernelFunc));
    replaceKernel("DepthwiseConv2dNativeBackpropInput", "wasm", forwardInputGradientKernel("depthwise"));
    replaceKernel("Conv2DBackpropInput", "wasm", forwardInputGradientKernel("conv2d"));
    for (const name of WASM_CPU_KERNELS) replaceKernel(name, "wasm", adaptCpuKernel(name));
  }
  for (const name of WEIGHT_GRADIENT_KERNELS) {
    const full = tf.getKernel(name, backendName)?.kernelFunc ?? adaptCpuKernel(name);
    replaceKernel(name, backendName, (args) => {
      if (!weightGradientsSkipped()) return full(args);
      return zerosInfo(args.backend as tf.KernelBackend, (args.attrs as unknown as { filterShape: number[] }).filterShape);
    });
  }
  installed.add(backendName);
}
