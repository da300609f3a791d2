import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { computeSaliencyMaps } from "@/lib/models/saliency";
import { buildTinyCnn, randomArray, setSeededWeights } from "@/lib/models/fixtures/random-models";
import { initBackend } from "@/lib/tf/backend";
import { FlippedFilterCache } from "@/lib/tf/conv-backprop";
import { inputGradient } from "@/lib/tf/input-gradient";

/** +0 and −0 compare equal: the fast gradients may differ from the stock ones in the sign of zeros only. */
const unsignedZeros = (a: ArrayLike<number>) => Array.from(a, (v) => (v === 0 ? 0 : v));

/** Inputs that hit both clip bounds exactly, plus values on either side of them. */
function boundaryInput(n: number, seed: number): Float32Array {
  const x = randomArray(n, seed, -9, 9);
  for (let i = 0; i < n; i += 7) x[i] = [0, 6, -1, 1][(i / 7) % 4];
  return x;
}

const stockClipGrad = (dy: tf.Tensor, x: tf.Tensor, min: number, max: number) =>
  tf.where(tf.logicalAnd(tf.greaterEqual(x, min), tf.lessEqual(x, max)), dy, tf.zerosLike(dy));
const stockRelu6Grad = (dy: tf.Tensor, x: tf.Tensor) => tf.mul(dy, tf.cast(tf.mul(tf.lessEqual(x, 6), tf.step(x)), "float32"));

describe("fast gradient and kernel paths", () => {
  beforeAll(async () => {
    await initBackend("cpu");
    await initBackend("wasm");
  });

  for (const backend of ["wasm", "cpu"]) {
    it(`ClipByValue and Relu6 gradients equal the stock configs on ${backend} (boundaries included)`, async () => {
      await tf.setBackend(backend);
      const n = 997;
      const x = tf.tensor1d(boundaryInput(n, 3));
      const dy = tf.tensor1d(randomArray(n, 4, -2, 2));
      for (const [min, max] of [
        [0, 6],
        [-1, 1],
        [-Infinity, 1],
        [0, Infinity],
      ]) {
        const got = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.clipByValue(t, min, max), dy)))(x);
        expect(unsignedZeros(got.dataSync())).toEqual(unsignedZeros(stockClipGrad(dy, x, min, max).dataSync()));
      }
      const relu6 = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.relu6(t), dy)))(x);
      const want = stockRelu6Grad(dy, x).dataSync();
      expect(unsignedZeros(relu6.dataSync())).toEqual(unsignedZeros(want));
      // The boundaries are inclusive: x = 6 and x = 0 (clip) pass the gradient, x = 0 (relu6) does not.
      const at = (v: number) => x.dataSync().indexOf(v);
      expect(relu6.dataSync()[at(6)]).toBe(dy.dataSync()[at(6)]);
      expect(relu6.dataSync()[at(0)]).toBe(0);
    });
  }

  for (const backend of ["wasm", "cpu"]) {
    it(`Minimum and Maximum gradients equal the stock configs bit for bit on ${backend} (ties included)`, async () => {
      await tf.setBackend(backend);
      const n = 503;
      const a = tf.tensor1d(boundaryInput(n, 5));
      const b = tf.tensor1d(boundaryInput(n, 5).map((v, i) => (i % 3 === 0 ? v : -v))); // a third of the entries tie
      const dy = tf.tensor1d(randomArray(n, 6, -2, 2));
      const stock = {
        minimum: [tf.mul(dy, tf.cast(tf.lessEqual(a, b), "float32")), tf.mul(dy, tf.cast(tf.greater(a, b), "float32"))],
        maximum: [tf.mul(dy, tf.cast(tf.greaterEqual(a, b), "float32")), tf.mul(dy, tf.cast(tf.less(a, b), "float32"))],
      };
      for (const op of ["minimum", "maximum"] as const) {
        const [ga, gb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf[op](x, y), dy)))([a, b]);
        expect(ga.dataSync()).toEqual(stock[op][0].dataSync());
        expect(gb.dataSync()).toEqual(stock[op][1].dataSync());
      }
      // tfjs-layers' relu6 activation: minimum(6, relu(x)); the gradient stops at x = 6 (strictly below passes).
      const relu6 = tf
        .grad((x: tf.Tensor) => tf.sum(tf.mul(tf.minimum(6, tf.relu(x)), dy)))(a)
        .dataSync();
      const at6 = a.dataSync().indexOf(6);
      expect(Math.abs(relu6[at6])).toBe(0);
    });
  }

  it("wasm FusedBatchNorm equals a float32 evaluation of offset + ((x − mean)·scale)/sqrt(var + ε), and the stock kernel to 1e-6", async () => {
    await tf.setBackend("wasm");
    const [c, n] = [5, 5 * 64];
    const xs = randomArray(n, 1, -4, 4);
    const [mean, variance, offset, scale] = [randomArray(c, 2), randomArray(c, 3, 0.1, 2), randomArray(c, 4), randomArray(c, 5)];
    const eps = 1e-3;
    const got = tf
      .batchNorm(tf.tensor2d(xs, [n / c, c]), tf.tensor1d(mean), tf.tensor1d(variance), tf.tensor1d(offset), tf.tensor1d(scale), eps)
      .dataSync();
    const f = Math.fround;
    for (let i = 0; i < n; i++) {
      const k = i % c;
      const norm = f(Math.sqrt(f(variance[k] + f(eps))));
      expect(got[i]).toBe(f(offset[k] + f(f(f(xs[i] - mean[k]) * scale[k]) / norm)));
      // The stock wasm kernel divides and adds in float64: the same value to within float32 rounding.
      expect(got[i]).toBeCloseTo(offset[k] + ((xs[i] - mean[k]) * scale[k]) / Math.sqrt(variance[k] + eps), 5);
    }
    // Without offset and scale (Keras center=false, scale=false) the defaults 0 and 1 apply.
    const bare = tf.batchNorm(tf.tensor2d(xs, [n / c, c]), tf.tensor1d(mean), tf.tensor1d(variance), undefined, undefined, eps).dataSync();
    for (let i = 0; i < n; i++) expect(bare[i]).toBe(f(f(xs[i] - mean[i % c]) / f(Math.sqrt(f(variance[i % c] + f(eps))))));
  });

  it("wasm Identity shares data: a clone outlives its original with its values intact", async () => {
    await tf.setBackend("wasm");
    const original = tf.tensor1d([1, 2, 3]);
    const copy = tf.clone(original);
    expect(copy.dataId).toBe(original.dataId);
    const backend = tf.backend() as tf.KernelBackend & { refCount(dataId: tf.DataId): number };
    expect(backend.refCount(copy.dataId)).toBe(2);
    original.dispose();
    expect(Array.from(copy.dataSync())).toEqual([1, 2, 3]);
    expect(backend.refCount(copy.dataId)).toBe(1);
    copy.dispose();
  });

  it("saliency on wasm is bit-identical for every batch size", async () => {
    await tf.setBackend("wasm");
    const model = buildTinyCnn(3);
    const logitsFn = (x: tf.Tensor4D) => model.apply(x) as tf.Tensor2D;
    const batch = {
      images: randomArray(5 * 24 * 24 * 3, 8, 0, 2),
      labels: Int32Array.of(0, 4, 2, 1, 3),
      n: 5,
      inputSize: 24,
      numClasses: 5,
    };
    const one = await computeSaliencyMaps(logitsFn, batch, 1);
    for (const size of [2, 5]) {
      const other = await computeSaliencyMaps(logitsFn, batch, size);
      expect(other.saliency).toEqual(one.saliency);
      expect(other.logits).toEqual(one.logits);
    }
    model.dispose();
  });

  it("input gradients follow new weights (flipped filters are cached per weight tensor, not per layer)", async () => {
    await tf.setBackend("wasm");
    const model = buildTinyCnn(5);
    const x = tf.tensor4d(randomArray(20 * 20 * 3, 6, 0, 2), [1, 20, 20, 3]);
    const grad = () => inputGradient((t) => tf.sum(tf.slice(model.apply(t) as tf.Tensor2D, [0, 1], [1, 1])), x).dataSync();
    const first = grad();
    setSeededWeights(model, 99);
    const changed = grad();
    await tf.setBackend("cpu");
    const reference = tf
      .grad((t: tf.Tensor) => tf.sum(tf.slice(model.apply(t) as tf.Tensor2D, [0, 1], [1, 1])))(x)
      .dataSync();
    await tf.setBackend("wasm");
    expect(changed).not.toEqual(first);
    let maxDiff = 0;
    let maxAbs = 0;
    for (let i = 0; i < reference.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(changed[i] - reference[i]));
      maxAbs = Math.max(maxAbs, Math.abs(reference[i]));
    }
    expect(maxDiff / maxAbs).toBeLessThan(1e-4);
    model.dispose();
  });

  it("a model's flipped-filter cache gives bit-identical gradients, follows new weights and frees its tensors", async () => {
    await tf.setBackend("wasm");
    const model = buildTinyCnn(6);
    const x = tf.tensor4d(randomArray(20 * 20 * 3, 7, 0, 2), [1, 20, 20, 3]);
    const grad = () => inputGradient((t) => tf.sum(tf.slice(model.apply(t) as tf.Tensor2D, [0, 2], [1, 1])), x);
    const plain = grad().dataSync();
    const cache = new FlippedFilterCache();
    const start = tf.memory().numTensors;
    expect(cache.run(grad).dataSync()).toEqual(plain);
    const cached = tf.memory().numTensors - start - 1; // the flipped filters kept, besides the gradient itself
    expect(cached).toBeGreaterThan(0);
    expect(cache.run(grad).dataSync()).toEqual(plain);
    expect(tf.memory().numTensors - start - 2).toBe(cached); // the second call reuses them
    setSeededWeights(model, 12);
    expect(cache.run(grad).dataSync()).toEqual(grad().dataSync());
    cache.dispose();
    model.dispose();
  });

  /** ∂/∂x of Σ c·avgPool(x), by hand: each window passes c[window] / (its count of non-padded cells) to its cells. */
  function avgPoolGradByHand(h: number, k: number, stride: number, same: boolean, c: Float32Array): Float64Array {
    const out = same ? Math.ceil(h / stride) : Math.floor((h - k) / stride) + 1;
    const padTotal = same ? Math.max((out - 1) * stride + k - h, 0) : 0;
    const before = Math.floor(padTotal / 2);
    const grad = new Float64Array(h * h);
    for (let i = 0; i < out; i++)
      for (let j = 0; j < out; j++) {
        const cells: number[] = [];
        for (let a = 0; a < k; a++)
          for (let b = 0; b < k; b++) {
            const [r, q] = [i * stride - before + a, j * stride - before + b];
            if (r >= 0 && r < h && q >= 0 && q < h) cells.push(r * h + q);
          }
        for (const cell of cells) grad[cell] += c[i * out + j] / cells.length;
      }
    return grad;
  }

  for (const backend of ["wasm", "cpu"]) {
    it(`AvgPool input gradients divide by the valid cells of each window, as the forward pass does, on ${backend}`, async () => {
      await tf.setBackend(backend);
      for (const [h, k, stride, pad] of [
        [5, 3, 1, "same"],
        [5, 2, 2, "same"],
        [6, 3, 2, "same"],
        [7, 3, 2, "valid"],
      ] as const) {
        const out = pad === "same" ? Math.ceil(h / stride) : Math.floor((h - k) / stride) + 1;
        const c = randomArray(out * out, h + k, -1, 1);
        const x = tf.tensor4d(randomArray(h * h, 3), [1, h, h, 1]);
        const f = (t: tf.Tensor) => tf.sum(tf.mul(tf.avgPool(t as tf.Tensor4D, k, stride, pad), tf.tensor4d(c, [1, out, out, 1])));
        const got = tf.grad(f)(x).dataSync();
        const want = avgPoolGradByHand(h, k, stride, pad === "same", c);
        want.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 5));
      }
    });
  }
});
