import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildTinyCnn, randomArray } from "@/lib/models/fixtures/random-models";
import { initBackend } from "@/lib/tf/backend";
import { inputGradient } from "@/lib/tf/input-gradient";
import { maxRelErr } from "@/lib/tf/fixtures/compare";

/** Gradient of the label logit w.r.t. the input; `stock` runs plain tf.grad (the unpatched path). */
function labelGradient(model: tf.LayersModel, x: Float32Array, shape: number[], label: number, stock: boolean) {
  return tf.tidy(() => {
    const input = tf.tensor(x, shape);
    const f = (t: tf.Tensor): tf.Scalar => tf.sum(tf.slice(model.predict(t) as tf.Tensor2D, [0, label], [shape[0], 1]));
    const g = stock ? tf.grad(f)(input) : inputGradient(f, input);
    return g.dataSync() as Float32Array;
  });
}

describe("gradient patches", () => {
  beforeAll(async () => {
    await initBackend("cpu");
    await initBackend("wasm");
  });

  it("wasm input gradients match the stock cpu backend (rel err < 1e-4)", async () => {
    const model = buildTinyCnn(7);
    const shape = [2, 20, 20, 3];
    const x = randomArray(2 * 20 * 20 * 3, 11, 0, 2);
    await tf.setBackend("cpu");
    const ref = labelGradient(model, x, shape, 3, true);
    await tf.setBackend("wasm");
    const got = labelGradient(model, x, shape, 3, false);
    expect(maxRelErr(got, ref)).toBeLessThan(1e-4);
    expect(Math.max(...ref.map(Math.abs))).toBeGreaterThan(0);
    model.dispose();
  });

  it("replaces the wasm MaxPoolGrad, which is wrong for more than one channel", async () => {
    // Reference: each output's dy goes to the (first) maximum of its window.
    const [h, c] = [5, 3];
    const x = randomArray(h * h * c, 5);
    const r = randomArray(4 * 4 * c, 9);
    const want = new Float32Array(h * h * c);
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++)
        for (let ch = 0; ch < c; ch++) {
          let best = -Infinity;
          let at = -1;
          for (const [a, b] of [
            [0, 0],
            [0, 1],
            [1, 0],
            [1, 1],
          ]) {
            const k = ((i + a) * h + j + b) * c + ch;
            if (x[k] > best) [best, at] = [x[k], k];
          }
          want[at] += r[(i * 4 + j) * c + ch];
        }
    await tf.setBackend("wasm");
    const got = tf.tidy(() => {
      const f = (t: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, 2, 1, "valid"), tf.tensor(r, [1, 4, 4, c])));
      return tf
        .grad(f)(tf.tensor4d(x, [1, h, h, c]))
        .dataSync();
    });
    for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i], 6);
  });

  it("skips weight gradients only inside inputGradient", async () => {
    await tf.setBackend("wasm");
    tf.tidy(() => {
      const x = tf.tensor4d(randomArray(2 * 6 * 6 * 3, 1), [2, 6, 6, 3]);
      const w = tf.tensor4d(randomArray(3 * 3 * 3 * 2, 2), [3, 3, 3, 2]);
      const full = tf.grad((f: tf.Tensor) => tf.sum(tf.conv2d(x, f as tf.Tensor4D, 1, "same")))(w);
      expect(Math.max(...full.abs().dataSync())).toBeGreaterThan(0);
      let skipped: Float32Array = new Float32Array();
      inputGradient((t) => {
        const dy = tf.onesLike(t.slice([0, 0, 0, 0], [2, 6, 6, 2]));
        const attrs = { strides: 1, pad: "same", dataFormat: "NHWC", filterShape: [3, 3, 3, 2] };
        skipped = Float32Array.from((tf.engine().runKernel("Conv2DBackpropFilter", { x: t, dy }, attrs) as tf.Tensor).dataSync());
        return tf.sum(t);
      }, x);
      expect(skipped.length).toBe(3 * 3 * 3 * 2);
      expect(Math.max(...skipped.map(Math.abs))).toBe(0);
    });
  });
});
