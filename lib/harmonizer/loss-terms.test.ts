import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/metrics/prng";
import {
  BINOMIAL_KERNEL,
  binomialPyramid,
  halfSquaredNorm,
  harmonizationTerm,
  pyramidalMseWithTokens,
  smoothedCrossEntropy,
  standardizeCut,
  stopGradient,
} from "./loss-terms";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const randomMaps = (seed: number, b: number, h: number, w: number) => {
  const r = mulberry32(seed);
  return Array.from({ length: b }, () => Array.from({ length: h }, () => Array.from({ length: w }, () => r() * 2 - 1)));
};
type Map2 = number[][];

/** Independent float64 reference: one binomial stride-2 step, TF 'SAME' (pad before = floor(total/2)). */
function downsampleRef(m: Map2): Map2 {
  const h = m.length;
  const w = m[0].length;
  const oh = Math.ceil(h / 2);
  const ow = Math.ceil(w / 2);
  const top = Math.floor(Math.max((oh - 1) * 2 + 5 - h, 0) / 2);
  const left = Math.floor(Math.max((ow - 1) * 2 + 5 - w, 0) / 2);
  const k = [1, 4, 6, 4, 1];
  return Array.from({ length: oh }, (_, i) =>
    Array.from({ length: ow }, (_, j) => {
      let s = 0;
      for (let a = 0; a < 5; a++) {
        for (let b = 0; b < 5; b++) {
          const y = i * 2 + a - top;
          const x = j * 2 + b - left;
          if (y >= 0 && y < h && x >= 0 && x < w) s += (k[a] * k[b] * m[y][x]) / 256;
        }
      }
      return s;
    }),
  );
}
function standardizeCutRef(m: Map2): Map2 {
  const flat = m.flat();
  const mean = flat.reduce((a, b) => a + b, 0) / flat.length;
  const std = Math.sqrt(flat.reduce((a, b) => a + (b - mean) ** 2, 0) / flat.length);
  return m.map((row) => row.map((v) => Math.max((v - mean) / (std + 1e-5), 0)));
}
function pyramidMseRef(a: Map2[], b: Map2[], tokens: number[], levels: number): number {
  let total = 0;
  let la = a;
  let lb = b;
  for (let l = 0; l < levels; l++) {
    let s = 0;
    let count = 0;
    la.forEach((m, n) => m.forEach((row, i) => row.forEach((v, j) => ((s += (v - lb[n][i][j]) ** 2 * tokens[n]), count++))));
    total += s / count;
    la = la.map(downsampleRef);
    lb = lb.map(downsampleRef);
  }
  return total / levels;
}

describe("standardizeCut", () => {
  it("z-scores each map with the population std plus ε, then cuts below zero", () => {
    const out = standardizeCut(
      tf.tensor3d([
        [
          [1, 2],
          [3, 4],
        ],
      ]),
    )
      .arraySync()[0]
      .flat();
    const sd = Math.sqrt(1.25) + 1e-5;
    expect(out[0]).toBe(0);
    expect(out[1]).toBe(0);
    expect(out[2]).toBeCloseTo(0.5 / sd, 6);
    expect(out[3]).toBeCloseTo(1.5 / sd, 6);
  });
});

describe("binomialPyramid", () => {
  it("uses the normalised [1,4,6,4,1] outer product", () => {
    expect(BINOMIAL_KERNEL.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 7);
    expect(BINOMIAL_KERNEL[12]).toBeCloseTo(36 / 256, 8);
    expect(BINOMIAL_KERNEL[0]).toBeCloseTo(1 / 256, 8);
  });
  it("has the levels 224, 112, 56, 28, 14 for a 224 map", () => {
    const levels = binomialPyramid(tf.zeros([1, 224, 224]) as tf.Tensor3D);
    expect(levels.map((l) => l.shape[1])).toEqual([224, 112, 56, 28, 14]);
  });
  it("matches a loop implementation of stride-2 'SAME' filtering (even and odd sizes)", () => {
    for (const [h, w] of [
      [9, 8],
      [7, 11],
    ]) {
      const maps = randomMaps(3, 2, h, w);
      const levels = binomialPyramid(tf.tensor3d(maps), 3);
      let ref = maps;
      for (const level of levels) {
        const got = (level.squeeze([3]).arraySync() as number[][][]).flat(2);
        ref.flat(2).forEach((v, i) => expect(got[i]).toBeCloseTo(v, 5));
        ref = ref.map(downsampleRef);
      }
    }
  });
});

describe("pyramidalMseWithTokens", () => {
  it("equals the float64 reference, masked samples counted in the mean", () => {
    const a = randomMaps(5, 3, 16, 16);
    const b = randomMaps(6, 3, 16, 16);
    const tokens = [1, 0, 1];
    const got = pyramidalMseWithTokens(tf.tensor3d(a), tf.tensor3d(b), tf.tensor1d(tokens)).arraySync();
    expect(got).toBeCloseTo(pyramidMseRef(a, b, tokens, 5), 6);
  });
  it("ignores what a token-0 sample contains", () => {
    const a = randomMaps(5, 2, 16, 16);
    const b = randomMaps(6, 2, 16, 16);
    const b2 = [b[0], randomMaps(9, 1, 16, 16)[0]];
    const t = tf.tensor1d([1, 0]);
    const l1 = pyramidalMseWithTokens(tf.tensor3d(a), tf.tensor3d(b), t).arraySync();
    const l2 = pyramidalMseWithTokens(tf.tensor3d(a), tf.tensor3d(b2), t).arraySync();
    expect(l1).toBe(l2);
    expect(pyramidalMseWithTokens(tf.tensor3d(a), tf.tensor3d(b2), tf.tensor1d([1, 1])).arraySync()).not.toBeCloseTo(l1, 3);
  });
});

describe("harmonizationTerm", () => {
  it("equals the reference: standardize-cut, human map rescaled to the saliency max, pyramidal MSE", () => {
    const sal = randomMaps(11, 2, 16, 16);
    const hum = randomMaps(12, 2, 16, 16);
    const sa = sal.map(standardizeCutRef);
    const hm = hum.map(standardizeCutRef).map((m, n) => {
      const hmMax = Math.max(...m.flat()) + 1e-6;
      const saMax = Math.max(...sa[n].flat()) + 1e-6;
      return m.map((row) => row.map((v) => (v / hmMax) * saMax));
    });
    const got = harmonizationTerm(tf.tensor3d(sal), tf.tensor3d(hum), tf.tensor1d([1, 1])).arraySync();
    expect(got).toBeCloseTo(pyramidMseRef(sa, hm, [1, 1], 5), 5);
  });
});

describe("smoothedCrossEntropy", () => {
  it("is Keras' categorical cross-entropy from logits with label smoothing 0.1, batch mean", () => {
    const logits = [
      [2, 1, 0],
      [0.5, -1, 3],
    ];
    const labels = [0, 2];
    const expected =
      logits
        .map((row, n) => {
          const lse = Math.log(row.reduce((s, v) => s + Math.exp(v), 0));
          return -row.reduce((s, v, k) => s + ((k === labels[n] ? 0.9 : 0) + 0.1 / 3) * (v - lse), 0);
        })
        .reduce((a, b) => a + b, 0) / 2;
    expect(smoothedCrossEntropy(tf.tensor1d(labels, "int32"), tf.tensor2d(logits)).arraySync()).toBeCloseTo(expected, 6);
  });
});

describe("halfSquaredNorm and stopGradient", () => {
  it("sums ½‖w‖² over the weights", () => {
    expect(halfSquaredNorm([tf.tensor1d([1, 2]), tf.tensor2d([[3]])]).arraySync()).toBeCloseTo(7, 6);
  });
  it("passes values and blocks gradients", () => {
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(x, stopGradient(x))))(tf.scalar(3));
    expect(g.arraySync()).toBeCloseTo(3, 6);
  });
});
