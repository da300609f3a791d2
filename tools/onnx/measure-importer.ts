/**
 * Quick figures for the ONNX importer (not a benchmark row; bench:eval owns those):
 *   npx tsx tools/onnx/measure-importer.ts [wasm|cpu] [reps]
 * - conversion (read + validate + build + first forward) of ResNet-50 and ResNet-18 exports;
 * - forward + input gradient per image (batch 1) for ResNet-18 and ResNet-50, and for ResNet-50 as a tf.layers model;
 * - the share of that time spent in Transpose kernels (the NCHW↔NHWC moves around each conv), from tf.profile.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { buildResNet50 } from "@/bench/eval-models";
import { OnnxExecutor, loadOnnxForSaliency } from "@/lib/models/onnx/execute";
import { readOnnx } from "@/lib/models/onnx/read";
import { exportTorchvision } from "@/lib/models/onnx/testing/torchvision-export";
import { validateOnnx } from "@/lib/models/onnx/validate";
import { initBackend, type BackendChoice } from "@/lib/tf/backend";
import { inputGradient } from "@/lib/tf/input-gradient";

const backend = (process.argv[2] ?? "wasm") as BackendChoice;
const reps = Number(process.argv[3] ?? 3);
const ms = (t0: number) => performance.now() - t0;

function gradStep(logits: (x: tf.Tensor4D) => tf.Tensor2D, x: tf.Tensor4D): void {
  tf.tidy(() => {
    const g = inputGradient((t: tf.Tensor4D) => tf.sum(tf.slice(logits(t), [0, 7], [1, 1])), x);
    g.dataSync();
  });
}

async function timeSteps(label: string, logits: (x: tf.Tensor4D) => tf.Tensor2D): Promise<void> {
  const x = tf.randomNormal([1, 224, 224, 3], 0, 1, "float32", 3) as tf.Tensor4D;
  gradStep(logits, x);
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    gradStep(logits, x);
    times.push(ms(t0));
  }
  times.sort((a, b) => a - b);
  const prof = await tf.profile(() => gradStep(logits, x));
  const total = prof.kernels.reduce((a, k) => a + (Number(k.kernelTimeMs) || 0), 0);
  const transpose = prof.kernels.filter((k) => k.name === "Transpose").reduce((a, k) => a + (Number(k.kernelTimeMs) || 0), 0);
  const count = prof.kernels.filter((k) => k.name === "Transpose").length;
  console.log(
    `${label}: forward+gradient ${times[Math.floor(times.length / 2)].toFixed(0)} ms/image (median of ${reps}); ` +
      `Transpose ${count} kernels, ${transpose.toFixed(0)} of ${total.toFixed(0)} ms kernel time (${((100 * transpose) / total).toFixed(1)} %)`,
  );
  x.dispose();
}

async function main(): Promise<void> {
  await initBackend(backend);
  for (const name of ["resnet18", "resnet50"]) {
    const file = exportTorchvision(name, 17);
    let t0 = performance.now();
    const bytes = readFileSync(file);
    const model = readOnnx(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), path.dirname(file));
    const tRead = ms(t0);
    t0 = performance.now();
    validateOnnx(model, { numClasses: 1000 });
    const tValidate = ms(t0);
    t0 = performance.now();
    new OnnxExecutor(model).dispose();
    const tBuild = ms(t0);
    t0 = performance.now();
    const m = await loadOnnxForSaliency(file, { numClasses: 1000 });
    const tLoad = ms(t0);
    console.log(
      `${name} conversion (${backend}): loadOnnxForSaliency ${tLoad.toFixed(0)} ms in all; read ${tRead.toFixed(0)} ms, validate ${tValidate.toFixed(0)} ms, build ${tBuild.toFixed(0)} ms (the rest is the first forward pass)`,
    );
    await timeSteps(`${name} ONNX (${backend})`, m.logits);
    m.dispose();
  }
  const layers = buildResNet50(1);
  await timeSteps(`resnet50 tf.layers (${backend})`, (x) => layers.apply(x) as tf.Tensor2D);
  layers.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
