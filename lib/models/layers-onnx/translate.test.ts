/**
 * TF.js layers models on the native engine (translated to ONNX, gradient graph in onnxruntime) against the same files
 * on the tfjs engine: logits to float32 rounding and per-image saliency maps with ρ ≥ 0.999, for the committed demo
 * models, the e2e fixture, MobileNetV2- and ResNet-50-shaped speed fixtures and a model using every translated layer.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildResNet50 } from "@/bench/eval-models";
import { spearman } from "@/lib/metrics/spearman";
import { mulberry32 } from "@/lib/metrics/prng";
import { buildMobileNetV2 } from "@/lib/models/fixtures/mobilenet-v2";
import { setSeededWeights } from "@/lib/models/fixtures/random-models";
import { directorySaveHandler } from "@/lib/models/io-handler";
import { loadModel } from "@/lib/models/load";
import { compareLogits } from "@/lib/models/ort/compare-logits";
import { initBackend } from "@/lib/tf/backend";
import { translateLayersModel } from "./translate";

type Sym = tf.SymbolicTensor;
const native = { provider: "cpu" as const, threads: 2 };
let tmp: string;
beforeAll(async () => {
  await initBackend("wasm");
  tmp = await mkdtemp(path.join(os.tmpdir(), "layers-onnx-"));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

/** Every layer class the translator handles, in one functional model (7 classes, softmax stripped at load). */
function everyLayer(): tf.LayersModel {
  const input = tf.input({ shape: [224, 224, 3] });
  let x = tf.layers.zeroPadding2d({ padding: [[1, 2], [2, 1]] }).apply(input) as Sym;
  x = tf.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: "same", activation: "relu" }).apply(x) as Sym;
  const a = tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: "same", useBias: true }).apply(x) as Sym;
  // No dilations: tfjs cannot differentiate dilated convolutions, so it could not be the reference (the ONNX rule for
  // them is checked against finite differences in lib/models/onnx/gradient).
  const b = tf.layers.separableConv2d({ filters: 16, kernelSize: 3, padding: "same" }).apply(x) as Sym;
  let y = tf.layers.add().apply([a, b]) as Sym;
  y = tf.layers.batchNormalization({ epsilon: 1e-3 }).apply(y) as Sym;
  y = tf.layers.reLU({ maxValue: 6 }).apply(y) as Sym;
  const m = tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: "same" }).apply(y) as Sym;
  const p = tf.layers.averagePooling2d({ poolSize: 3, strides: 2, padding: "same" }).apply(y) as Sym;
  let z = tf.layers.concatenate().apply([m, p]) as Sym;
  z = tf.layers.leakyReLU({ alpha: 0.2 }).apply(z) as Sym;
  const gate = tf.layers.activation({ activation: "sigmoid" }).apply(tf.layers.conv2d({ filters: 32, kernelSize: 1 }).apply(z) as Sym) as Sym;
  z = tf.layers.multiply().apply([z, gate]) as Sym;
  z = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: "valid", activation: "tanh" }).apply(z) as Sym;
  // Flatten of an NHWC tensor: the translation must flatten in NHWC order, as Keras does.
  const flat = tf.layers.flatten().apply(z) as Sym;
  const hidden = tf.layers.dense({ units: 12, activation: "elu" }).apply(tf.layers.dropout({ rate: 0.5 }).apply(flat) as Sym) as Sym;
  const out = tf.layers.dense({ units: 7, activation: "softmax" }).apply(hidden) as Sym;
  const model = tf.model({ inputs: input, outputs: out });
  setSeededWeights(model, 3);
  return model;
}

async function saved(model: tf.LayersModel, name: string): Promise<string> {
  const dir = path.join(tmp, name);
  await model.save(directorySaveHandler(dir));
  model.dispose();
  return dir;
}

const images = (n: number, size: number, seed: number) => {
  const r = mulberry32(seed);
  // Smooth images in [0, 1] with some texture: ordinary activations, not ties.
  return Float32Array.from({ length: n * size * size * 3 }, (_, i) => 0.5 + 0.4 * Math.sin(i * 0.0021 + (i % 3)) * r());
};

async function agree(dir: string, numClasses: number, size: number, minRho = 0.999) {
  const onNative = await loadModel(dir, { numClasses, native });
  const onTfjs = await loadModel(dir, { numClasses });
  try {
    expect(onNative.engine?.name, onNative.nativeFallback).toBe("ort");
    expect(onNative.weightsHash).toBe(onTfjs.weightsHash);
    expect([onNative.format, onNative.paramCount]).toEqual([onTfjs.format, onTfjs.paramCount]);
    const n = 2;
    const x = images(n, size, 5);
    const labels = Int32Array.from({ length: n }, (_, i) => (i * 3) % numClasses);
    const a = await onNative.computeSaliency(x, labels, n);
    const b = await onTfjs.computeSaliency(x, labels, n);
    const logits = compareLogits(a.logits, b.logits, n, numClasses);
    expect(logits.max_abs_diff, JSON.stringify(logits)).toBeLessThan(1e-4 * Math.max(1, logits.max_abs_logit));
    const plane = size * size;
    for (let i = 0; i < n; i++) {
      const rho = spearman(a.saliency.subarray(i * plane, (i + 1) * plane), b.saliency.subarray(i * plane, (i + 1) * plane))!;
      expect(rho).toBeGreaterThanOrEqual(minRho);
    }
  } finally {
    onNative.dispose();
    onTfjs.dispose();
  }
}

describe("TF.js layers models on the native engine agree with the tfjs engine", () => {
  it("every translated layer class in one functional model", async () => {
    await agree(await saved(everyLayer(), "every-layer"), 7, 224);
  }, 120_000);

  it.each([["baseline", 4], ["harmonized", 4]])("the committed demo model %s", async (name, classes) => {
    await agree(path.resolve("models/demo", name), classes, 224);
  }, 120_000);

  it("the e2e fixture (tiny-model)", async () => {
    await agree(path.resolve("e2e/fixtures/tiny-model"), 10, 224);
  }, 120_000);

  it("MobileNetV2- and ResNet-50-shaped models (depthwise convolutions, ReLU6, batch norms, residual adds)", async () => {
    await agree(await saved(buildMobileNetV2(1), "mobilenet-v2"), 1000, 224);
    await agree(await saved(buildResNet50(1), "resnet-50"), 1000, 224);
  }, 600_000);

  it("refuses a layer it does not translate, naming it", () => {
    const input = tf.input({ shape: [8, 8, 3] });
    const up = tf.layers.upSampling2d({ size: [2, 2], name: "my_upsampling" }).apply(input) as Sym;
    const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2 }).apply(tf.layers.flatten().apply(up) as Sym) as Sym });
    expect(() => translateLayersModel(model, 8)).toThrow(/layer "my_upsampling" \(UpSampling2D\): this layer class is not translated to ONNX/);
    model.dispose();
  });
});
