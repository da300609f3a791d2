import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { randomArray, setSeededWeights } from "@/lib/models/fixtures/random-models";
import { applySaliencyPasses, inputOnlyDenseGradients } from "@/lib/models/saliency-passes";
import { initBackend } from "@/lib/tf/backend";
import { inputGradient } from "@/lib/tf/input-gradient";
import { maxRelErr } from "@/lib/tf/fixtures/compare";

type Sym = tf.SymbolicTensor;
const SIZE = 16;

/** Foldable pairs (conv→BN, depthwise→BN, biased conv→BN), and pairs that must stay. */
function buildModel(seed: number): tf.LayersModel {
  const input = tf.input({ shape: [SIZE, SIZE, 3] });
  let x = tf.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: "same", useBias: false }).apply(input) as Sym;
  x = tf.layers.batchNormalization({ epsilon: 1e-3 }).apply(x) as Sym;
  x = tf.layers.reLU({ maxValue: 6 }).apply(x) as Sym;
  x = tf.layers.depthwiseConv2d({ kernelSize: 3, padding: "same", depthMultiplier: 2, useBias: false }).apply(x) as Sym;
  x = tf.layers.batchNormalization({ epsilon: 0.01 }).apply(x) as Sym;
  x = tf.layers.reLU({ maxValue: 6 }).apply(x) as Sym;
  x = tf.layers.conv2d({ filters: 12, kernelSize: 1, useBias: true }).apply(x) as Sym;
  x = tf.layers.batchNormalization({}).apply(x) as Sym;
  // Not foldable: a conv with its own activation, and a conv read by two layers.
  const relu = tf.layers.conv2d({ filters: 12, kernelSize: 3, padding: "same", activation: "relu" }).apply(x) as Sym;
  const a = tf.layers.batchNormalization({}).apply(relu) as Sym;
  const shared = tf.layers.conv2d({ filters: 12, kernelSize: 1 }).apply(a) as Sym;
  const b = tf.layers.batchNormalization({}).apply(shared) as Sym;
  x = tf.layers.add().apply([b, shared]) as Sym;
  x = tf.layers.reLU({ maxValue: 3 }).apply(x) as Sym; // not ReLU(6): stays as it is
  x = tf.layers.globalAveragePooling2d({}).apply(x) as Sym;
  const out = tf.layers.dense({ units: 5 }).apply(x) as Sym;
  const model = tf.model({ inputs: input, outputs: out });
  setSeededWeights(model, seed);
  return model;
}


function logitsAndGradient(model: tf.LayersModel, x: tf.Tensor4D, label: number) {
  return tf.tidy(() => {
    const logits = (model.predict(x) as tf.Tensor).dataSync();
    const grad = inputGradient((t) => tf.sum(tf.slice(model.predict(t) as tf.Tensor2D, [0, label], [x.shape[0], 1])), x).dataSync();
    return { logits: Float32Array.from(logits), grad: Float32Array.from(grad) };
  });
}

describe("saliency passes", () => {
  beforeAll(async () => {
    await initBackend("cpu");
    await initBackend("wasm");
  });

  for (const backend of ["wasm", "cpu"]) {
    it(`compute the same logits and input gradients on ${backend} (float32 rounding apart), folding only what is foldable`, async () => {
      await tf.setBackend(backend);
      const stock = buildModel(4);
      const fast = buildModel(4);
      expect(applySaliencyPasses(fast)).toEqual({ foldedBatchNorms: 3, fusedRelu6: 2, inputOnlyDense: 1 });
      const x = tf.tensor4d(randomArray(2 * SIZE * SIZE * 3, 9, -1, 2), [2, SIZE, SIZE, 3]);
      const want = logitsAndGradient(stock, x, 3);
      const got = logitsAndGradient(fast, x, 3);
      expect(maxRelErr(got.logits, want.logits)).toBeLessThan(1e-5);
      expect(maxRelErr(got.grad, want.grad)).toBeLessThan(1e-4);
      expect(Math.max(...want.grad.map(Math.abs))).toBeGreaterThan(0);
      // A second call allocates nothing that outlives it.
      const before = tf.memory().numTensors;
      logitsAndGradient(fast, x, 1);
      expect(tf.memory().numTensors).toBe(before);
      [stock, fast, x].forEach((t) => t.dispose());
    });
  }

  it("give a linear Dense layer the stock input gradient and logits bit for bit, without the weight gradient", async () => {
    await tf.setBackend("wasm");
    const build = () => {
      const input = tf.input({ shape: [6] });
      const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 4 }).apply(input) as Sym });
      setSeededWeights(model, 2);
      return model;
    };
    const stock = build();
    const fast = build();
    expect(inputOnlyDenseGradients(fast)).toBe(1);
    const x = tf.tensor2d(randomArray(3 * 6, 5), [3, 6]);
    const f = (m: tf.LayersModel) => (t: tf.Tensor) => tf.sum(tf.mul(m.predict(t) as tf.Tensor, tf.tensor1d([1, -2, 0.5, 3])));
    expect((fast.predict(x) as tf.Tensor).dataSync()).toEqual((stock.predict(x) as tf.Tensor).dataSync());
    expect(tf.grad(f(fast))(x).dataSync()).toEqual(tf.grad(f(stock))(x).dataSync());
    // By hand: ∂/∂x_ij = Σ_k c_k W_jk.
    const w = stock.getWeights()[0].arraySync() as number[][];
    const c = [1, -2, 0.5, 3];
    const byHand = w.map((row) => row.reduce((s, v, k) => s + v * c[k], 0));
    const got = tf.grad(f(fast))(x).arraySync() as number[][];
    for (const row of got) row.forEach((v, j) => expect(v).toBeCloseTo(byHand[j], 5));
  });
});
