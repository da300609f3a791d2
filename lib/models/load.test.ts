import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFusedGraphFixture } from "@/lib/models/fixtures/graph-model";
import { buildTinyCnn, randomArray, setSeededWeights } from "@/lib/models/fixtures/random-models";
import { directoryLoadHandler, directorySaveHandler, writeModelFiles } from "@/lib/models/io-handler";
import { loadModel } from "@/lib/models/load";
import { validateModelDirectory } from "@/lib/models/validate";
import { initBackend } from "@/lib/tf/backend";
import { maxRelErr } from "@/lib/tf/fixtures/compare";

let tmp: string;
const SIZE = 20;

beforeAll(async () => {
  await initBackend("cpu");
  await initBackend("wasm");
  tmp = await mkdtemp(path.join(os.tmpdir(), "load-test-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function save(model: tf.LayersModel, name: string): Promise<string> {
  const dir = path.join(tmp, name);
  await model.save(directorySaveHandler(dir));
  return dir;
}

/** Stock tf.grad on the cpu backend: saliency = max_c |∂ logit[label] / ∂x|. */
async function cpuSaliency(logits: (x: tf.Tensor) => tf.Tensor, images: Float32Array, labels: Int32Array, n: number) {
  await tf.setBackend("cpu");
  const out = tf.tidy(() => {
    const x = tf.tensor4d(images, [n, SIZE, SIZE, 3]);
    const onehot = tf.oneHot(tf.tensor1d(labels, "int32"), (logits(x) as tf.Tensor2D).shape[1]);
    const g = tf.grad((t) => tf.sum(tf.mul(logits(t), onehot)))(x);
    return tf.max(tf.abs(g), 3).dataSync() as Float32Array;
  });
  await tf.setBackend("wasm");
  return out;
}

/**
 * The first call may build the model's cached flipped filters (kept until dispose); later calls allocate nothing
 * that outlives them, and the second call's output equals the first.
 */
async function expectNoGrowthPerCall<T>(call: () => Promise<T>): Promise<T> {
  const first = await call();
  const before = tf.memory().numTensors;
  const second = await call();
  expect(tf.memory().numTensors).toBe(before);
  expect(second).toEqual(first);
  return first;
}


describe("loadModel", () => {
  it("round-trips a layers model through the IOHandler bit-exactly", async () => {
    const model = buildTinyCnn(3);
    const dir = await save(model, "roundtrip");
    const v = await validateModelDirectory(dir, { numClasses: 5 });
    const back = await tf.loadLayersModel(directoryLoadHandler(dir, { ...v, weightSpecs: v.weightSpecs as tf.io.WeightsManifestEntry[] }));
    const a = model.getWeights();
    const b = back.getWeights();
    expect(b.length).toBe(a.length);
    a.forEach((w, i) => expect(Buffer.from(b[i].dataSync().buffer).equals(Buffer.from(w.dataSync().buffer))).toBe(true));
    model.dispose();
    back.dispose();
  });

  it("computes exact saliency for a dense layer on the flattened input (max_c |W[:, label]|)", async () => {
    const input = tf.input({ shape: [224, 224, 3] });
    const dense = tf.layers.dense({ units: 2, activation: "softmax" });
    const model = tf.model({ inputs: input, outputs: dense.apply(tf.layers.flatten().apply(input)) as tf.SymbolicTensor });
    setSeededWeights(model, 5);
    const dir = await save(model, "dense");
    const kernel = model.getWeights()[0].dataSync();
    const loaded = await loadModel(dir, { numClasses: 2 });
    const images = randomArray(2 * 224 * 224 * 3, 8);
    const labels = Int32Array.of(1, 0);
    const { saliency, logits } = await loaded.computeSaliency(images, labels, 2);
    for (let n = 0; n < 2; n++) {
      for (let p = 0; p < 224 * 224; p += 997) {
        const want = Math.max(...[0, 1, 2].map((c) => Math.abs(kernel[(p * 3 + c) * 2 + labels[n]])));
        expect(saliency[n * 224 * 224 + p]).toBe(want);
      }
    }
    // Pre-softmax logits: the softmax head was removed, so they need not sum to 1.
    const want = tf.tidy(() => tf.matMul(tf.tensor2d(images, [2, 224 * 224 * 3]), model.getWeights()[0] as tf.Tensor2D).add(model.getWeights()[1]).dataSync());
    for (let i = 0; i < 4; i++) expect(logits[i]).toBeCloseTo(want[i], 4);
    expect(Math.abs(logits[0] + logits[1] - 1)).toBeGreaterThan(1e-3);
    loaded.dispose();
    model.dispose();
  });

  it("evaluates a softmax-headed layers model on its pre-softmax logits, matching stock cpu (rel err < 1e-4)", async () => {
    const withSoftmax = buildTinyCnn(9, { softmax: true });
    const linear = buildTinyCnn(9);
    const beforeLoad = tf.memory().numTensors;
    const loaded = await loadModel(await save(withSoftmax, "softmax"), { numClasses: 5, inputSize: SIZE });
    const images = randomArray(2 * SIZE * SIZE * 3, 4, 0, 2);
    const labels = Int32Array.of(2, 4);
    const got = await expectNoGrowthPerCall(() => loaded.computeSaliency(images, labels, 2));
    const want = await cpuSaliency((x) => linear.predict(x) as tf.Tensor, images, labels, 2);
    expect(maxRelErr(got.saliency, want)).toBeLessThan(1e-4);
    const wantLogits = tf.tidy(() => (linear.predict(tf.tensor4d(images, [2, SIZE, SIZE, 3])) as tf.Tensor).dataSync());
    got.logits.forEach((v, i) => expect(v).toBeCloseTo(wantLogits[i], 4));
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(beforeLoad); // weights, added biases and cached filters all freed
    withSoftmax.dispose();
    linear.dispose();
  });

  it("differentiates batch norms without scale or center: equals stock cpu on the gamma=1, beta=0 model", async () => {
    const model = buildTinyCnn(13, { bnScale: false, bnCenter: false });
    const reference = buildTinyCnn(13);
    model.layers.forEach((layer, li) => {
      const source = new Map(layer.getWeights().map((w, k) => [layer.weights[k].originalName.split("/").pop(), w]));
      const target = reference.layers[li].weights.map((w) => {
        const kind = w.originalName.split("/").pop();
        return source.get(kind) ?? (kind === "gamma" ? tf.ones(w.shape as number[]) : tf.zeros(w.shape as number[]));
      });
      reference.layers[li].setWeights(target);
    });
    const loaded = await loadModel(await save(model, "bn"), { numClasses: 5, inputSize: SIZE });
    const images = randomArray(2 * SIZE * SIZE * 3, 6, 0, 2);
    const labels = Int32Array.of(1, 3);
    const { saliency } = await loaded.computeSaliency(images, labels, 2);
    const want = await cpuSaliency((x) => reference.predict(x) as tf.Tensor, images, labels, 2);
    expect(maxRelErr(saliency, want)).toBeLessThan(1e-4);
    loaded.dispose();
    model.dispose();
    reference.dispose();
  });

  it("matches central finite differences on a tiny model with a scale-less, center-less batch norm", async () => {
    const input = tf.input({ shape: [null, null, 3] });
    let x = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: "same" }).apply(input) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization({ scale: false, center: false }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.reLU({ maxValue: 6 }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 3 }).apply(x) as tf.SymbolicTensor });
    setSeededWeights(model, 17);
    const size = 4;
    const loaded = await loadModel(await save(model, "bn-fd"), { numClasses: 3, inputSize: size });
    const images = randomArray(size * size * 3, 6, 0, 2);
    const label = 2;
    const { saliency } = await loaded.computeSaliency(images, Int32Array.of(label), 1);
    const logit = (v: Float32Array) =>
      tf.tidy(() => (model.predict(tf.tensor4d(v, [1, size, size, 3])) as tf.Tensor).dataSync()[label]);
    const eps = 1e-2;
    const scale = Math.max(...saliency);
    expect(scale).toBeGreaterThan(1e-3);
    for (let p = 0; p < size * size; p++) {
      const g = [0, 1, 2].map((c) => {
        const up = images.slice();
        const down = images.slice();
        up[p * 3 + c] += eps;
        down[p * 3 + c] -= eps;
        return (logit(up) - logit(down)) / (2 * eps);
      });
      expect(Math.abs(saliency[p] - Math.max(...g.map(Math.abs)))).toBeLessThan(5e-3 * scale);
    }
    loaded.dispose();
    model.dispose();
  });

  it("loads a converter graph with fused nodes and matches its layers equivalent on stock cpu", async () => {
    const fixture = buildFusedGraphFixture(21);
    const dir = path.join(tmp, "graph");
    await writeModelFiles(dir, fixture.modelJson, fixture.weightData);
    await expect(loadModel(dir, { numClasses: 4 })).rejects.toThrow(/logitsNode.*candidates.*logits/);
    const loaded = await loadModel(dir, { numClasses: 4, logitsNode: "logits", inputSize: SIZE });
    expect(loaded.format).toBe("graph");
    const images = randomArray(2 * SIZE * SIZE * 3, 12, 0, 2);
    const labels = Int32Array.of(0, 3);
    const got = await expectNoGrowthPerCall(() => loaded.computeSaliency(images, labels, 2));
    const reference = fixture.buildLayersEquivalent();
    const want = await cpuSaliency((x) => reference.predict(x) as tf.Tensor, images, labels, 2);
    expect(maxRelErr(got.saliency, want)).toBeLessThan(1e-4);
    loaded.dispose();
    reference.dispose();
  });

  it("rejects labels outside the model's classes and images of the wrong size", async () => {
    const model = buildTinyCnn(3);
    const loaded = await loadModel(await save(model, "errors"), { numClasses: 5, inputSize: SIZE });
    const images = new Float32Array(SIZE * SIZE * 3);
    await expect(loaded.computeSaliency(images, Int32Array.of(5), 1)).rejects.toThrow(/labels\[0\] = 5 is outside.*0\.\.4/);
    await expect(loaded.computeSaliency(images.subarray(3), Int32Array.of(0), 1)).rejects.toThrow(/expected n·H·W·3/);
    loaded.dispose();
    model.dispose();
  });
});
