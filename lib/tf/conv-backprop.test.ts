import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { randomArray } from "@/lib/models/fixtures/random-models";
import { convInputGradient, type ConvKind } from "@/lib/tf/conv-backprop";

type Case = {
  kind: ConvKind;
  h: number;
  w: number;
  c: number;
  k: [number, number];
  m: number;
  s: number;
  pad: "same" | "valid";
  d?: number;
};

const cases: Case[] = [
  { kind: "depthwise", h: 7, w: 7, c: 3, k: [3, 3], m: 1, s: 1, pad: "same" },
  { kind: "depthwise", h: 8, w: 9, c: 4, k: [3, 3], m: 1, s: 2, pad: "same" },
  { kind: "depthwise", h: 9, w: 8, c: 2, k: [3, 2], m: 2, s: 2, pad: "valid" },
  { kind: "depthwise", h: 10, w: 10, c: 2, k: [3, 3], m: 1, s: 1, pad: "same", d: 2 },
  { kind: "depthwise", h: 11, w: 11, c: 3, k: [5, 5], m: 1, s: 3, pad: "valid" },
  { kind: "conv2d", h: 7, w: 7, c: 3, k: [3, 3], m: 4, s: 1, pad: "same" },
  { kind: "conv2d", h: 8, w: 8, c: 3, k: [1, 1], m: 5, s: 1, pad: "valid" },
  { kind: "conv2d", h: 9, w: 10, c: 2, k: [3, 3], m: 3, s: 2, pad: "same" },
  { kind: "conv2d", h: 10, w: 9, c: 2, k: [4, 3], m: 3, s: 2, pad: "valid" },
  // Strides that divide the input: the sub-pixel phase formulation.
  { kind: "depthwise", h: 8, w: 8, c: 3, k: [3, 3], m: 1, s: 2, pad: "same" },
  { kind: "depthwise", h: 8, w: 6, c: 2, k: [3, 3], m: 1, s: 2, pad: "valid" },
  { kind: "depthwise", h: 9, w: 9, c: 2, k: [5, 5], m: 1, s: 3, pad: "valid" },
  { kind: "conv2d", h: 8, w: 8, c: 3, k: [3, 3], m: 4, s: 2, pad: "same" },
  { kind: "conv2d", h: 12, w: 12, c: 3, k: [7, 7], m: 2, s: 2, pad: "same" },
  { kind: "conv2d", h: 8, w: 8, c: 2, k: [1, 1], m: 3, s: 2, pad: "valid" },
  { kind: "conv2d", h: 6, w: 8, c: 2, k: [2, 3], m: 3, s: 2, pad: "same" },
];

/** Stock reference: tf.grad of the plain (unfused) op on the cpu backend. */
function reference(c: Case, x: tf.Tensor4D, filter: tf.Tensor4D, dy: tf.Tensor4D): tf.Tensor {
  const f = (t: tf.Tensor) =>
    c.kind === "conv2d" ? tf.conv2d(t as tf.Tensor4D, filter, c.s, c.pad) : tf.depthwiseConv2d(t as tf.Tensor4D, filter, c.s, c.pad);
  return tf.grad(f)(x, dy);
}

/** tfjs has no gradient for dilated convs: the reference uses the equivalent filter with explicit zero taps. */
function dilateFilter(filter: tf.Tensor4D, d: number): tf.Tensor4D {
  const [kh, kw, ci, co] = filter.shape;
  const src = filter.dataSync();
  const eh = (kh - 1) * d + 1;
  const ew = (kw - 1) * d + 1;
  const out = new Float32Array(eh * ew * ci * co);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let k = 0; k < ci * co; k++) out[(i * d * ew + j * d) * ci * co + k] = src[(i * kw + j) * ci * co + k];
  return tf.tensor4d(out, [eh, ew, ci, co]);
}

describe("convInputGradient (forward-conv formulation)", () => {
  beforeAll(async () => {
    await tf.setBackend("cpu");
  });

  for (const c of cases) {
    it(`${c.kind} ${c.h}x${c.w}x${c.c} k${c.k} m${c.m} s${c.s} ${c.pad} d${c.d ?? 1}`, () => {
      tf.tidy(() => {
        const x = tf.tensor4d(randomArray(2 * c.h * c.w * c.c, 1), [2, c.h, c.w, c.c]);
        const filter = tf.tensor4d(randomArray(c.k[0] * c.k[1] * c.c * c.m, 2), [c.k[0], c.k[1], c.c, c.m]);
        const y =
          c.kind === "conv2d"
            ? tf.conv2d(x, filter, c.s, c.pad, "NHWC", c.d ?? 1)
            : tf.depthwiseConv2d(x, filter, c.s, c.pad, "NHWC", c.d ?? 1);
        const dy = tf.tensor4d(randomArray(y.size, 3), y.shape as [number, number, number, number]);
        const want = reference(c, x, dilateFilter(filter, c.d ?? 1), dy).dataSync();
        const got = convInputGradient(c.kind, x.shape, dy, filter, { strides: c.s, pad: c.pad, dilations: c.d ?? 1 });
        expect(got.shape).toEqual(x.shape);
        const g = got.dataSync();
        let err = 0;
        for (let i = 0; i < g.length; i++) err = Math.max(err, Math.abs(g[i] - want[i]));
        expect(err).toBeLessThan(1e-5);
      });
    });
  }
});
