/**
 * Measures one MobileNetV2 saliency map (forward + input gradient, batch 1, 224²) on wasm with and without the
 * gradient patches. Run: npx tsx lib/tf/bench-saliency.ts [repeats] [--unpatched]  (the unpatched run takes minutes)
 */
import * as tf from "@tensorflow/tfjs";
import { computeSaliencyMaps } from "@/lib/evaluation/saliency";
import { buildMobileNetV2 } from "@/lib/models/fixtures/mobilenet-v2";
import { randomArray } from "@/lib/models/fixtures/random-models";
import { initBackend } from "@/lib/tf/backend";
import { adaptCpuKernel } from "@/lib/tf/kernel-adapter";

const repeats = Number(process.argv[2] ?? 5);
// Kernels are registered when the wasm package is imported; keep the stock ones for the "without" run.
const stockConvInput = tf.getKernel("Conv2DBackpropInput", "wasm");
await initBackend("wasm");
const model = buildMobileNetV2(1);
console.log(`params=${model.countParams()}`);
const batch = { images: randomArray(224 * 224 * 3, 2, -1, 1), labels: Int32Array.of(3), n: 1, inputSize: 224, numClasses: 1000 };
const logits = (x: tf.Tensor4D) => tf.tidy(() => model.apply(x) as tf.Tensor2D);

async function time(label: string, run: () => Promise<unknown>, times: number) {
  await run();
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label}: median ${ms[Math.floor(ms.length / 2)].toFixed(0)} ms (min ${ms[0].toFixed(0)}, n=${times})`);
}

const x = tf.tensor4d(batch.images, [1, 224, 224, 3]);
await time("forward only", async () => tf.tidy(() => logits(x).dataSync()), repeats);
await time("saliency, patched", () => computeSaliencyMaps(logits, batch), repeats);
const before = tf.memory().numTensors;
await computeSaliencyMaps(logits, batch);
console.log(`tensors leaked per call: ${tf.memory().numTensors - before}; wasm heap ${(tf.memory().numBytes / 2 ** 20).toFixed(0)} MiB in tensors`);

if (!process.argv.includes("--unpatched")) process.exit(0);
// "Without": the missing kernels only adapted from cpu, the stock wasm Conv2DBackpropInput, and plain tf.grad.
tf.unregisterKernel("Conv2DBackpropInput", "wasm");
tf.registerKernel(stockConvInput);
for (const k of ["DepthwiseConv2dNativeBackpropInput", "Conv2DBackpropFilter", "DepthwiseConv2dNativeBackpropFilter"]) {
  tf.unregisterKernel(k, "wasm");
  tf.registerKernel({ kernelName: k, backendName: "wasm", kernelFunc: adaptCpuKernel(k) });
}
await time(
  "saliency, unpatched (cpu-adapted missing kernels, filter gradients computed)",
  async () =>
    tf.tidy(() => {
      const f = (t: tf.Tensor) => tf.sum(tf.mul(logits(t as tf.Tensor4D), tf.oneHot(tf.tensor1d([3], "int32"), 1000)));
      return tf.grad(f)(x).dataSync();
    }),
  Math.min(repeats, 1),
);
x.dispose();
model.dispose();
