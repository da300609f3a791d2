import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import reference from "./fixtures/reference-values.json";
import {
  applyModelPreprocessing,
  BLUR_KERNEL,
  gaussianBlurSame,
  IDENTITY_PREPROCESSING,
  prepareHumanMap,
  prepareImage,
  resizeBilinear,
} from "./preprocess";

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
});

describe("resizeBilinear (TF2 semantics)", () => {
  it("resizes a 5x5 identity to 3x5 with row 0 = [0.667, 0.333, 0, 0, 0]", () => {
    const eye = new Float32Array(25);
    for (let i = 0; i < 5; i++) eye[i * 5 + i] = 1;
    const out = resizeBilinear(eye, 5, 5, 1, 3, 5);
    // Row 0 samples y = 0.5·5/3 − 0.5 = 1/3: two thirds of row 0 plus one third of row 1.
    [2 / 3, 1 / 3, 0, 0, 0].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 6));
    // Row 1 samples y = 2 exactly: the identity's row 2.
    expect(Array.from(out.subarray(5, 10))).toEqual([0, 0, 1, 0, 0]);
  });

  // TF computes source coordinates in float32 (as we do), tfjs in float64: where in/out is not a power of two
  // the coordinates differ by ~1e-5 px, so the values by up to ~3e-5 of the range. Exact scales must agree.
  it("matches tfjs resizeBilinear(alignCorners=false, halfPixelCenters=true) on random data", () => {
    const rand = seeded(11);
    for (const [h, w, c, oh, ow, tol] of [
      [256, 256, 1, 64, 64, 1e-5],
      [8, 4, 3, 16, 32, 1e-5],
      [256, 256, 3, 224, 224, 3e-5],
      [64, 64, 1, 224, 224, 3e-5],
      [7, 13, 2, 19, 5, 3e-5],
    ]) {
      const src = Float32Array.from({ length: h * w * c }, () => rand());
      const expected = tf.tidy(() =>
        tf.image.resizeBilinear(tf.tensor3d(src, [h, w, c]), [oh, ow], false, true).dataSync(),
      ) as Float32Array;
      const got = resizeBilinear(src, h, w, c, oh, ow);
      let maxErr = 0;
      for (let i = 0; i < got.length; i++) maxErr = Math.max(maxErr, Math.abs(got[i] - expected[i]));
      expect(maxErr, `${h}x${w}x${c} -> ${oh}x${ow}`).toBeLessThan(tol);
    }
  });

  it("differs from tfjs's default (no half-pixel centres), so the test above can fail", () => {
    const src = Float32Array.from({ length: 64 }, (_, i) => i);
    const legacy = tf.tidy(() => tf.image.resizeBilinear(tf.tensor3d(src, [8, 8, 1]), [5, 5]).dataSync());
    const ours = resizeBilinear(src, 8, 8, 1, 5, 5);
    expect(Math.max(...Array.from(ours, (v, i) => Math.abs(v - legacy[i])))).toBeGreaterThan(0.5);
  });

  it("rejects a size mismatch", () => {
    expect(() => resizeBilinear(new Float32Array(10), 3, 3, 1, 2, 2)).toThrow(/10 values, expected 3x3x1 = 9/);
  });
});

describe("Gaussian blur", () => {
  it("has its peak at row 4, column 5 and sums to 1", () => {
    let argmax = 0;
    for (let i = 1; i < 100; i++) if (BLUR_KERNEL[i] > BLUR_KERNEL[argmax]) argmax = i;
    expect([Math.floor(argmax / 10), argmax % 10]).toEqual([4, 5]);
    expect(BLUR_KERNEL.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    reference.preprocess.kernel.flat().forEach((v, i) => expect(BLUR_KERNEL[i]).toBeCloseTo(v, 15));
  });

  it("blurs a delta into the flipped kernel placed by the 4-before padding rule", () => {
    // out(i,j) = Σ K[a][b]·in(i+a−4, j+b−4); with in = δ at (p,q): out(i,j) = K[p−i+4][q−j+4].
    const n = 20;
    const [p, q] = [9, 11];
    const src = new Float32Array(n * n);
    src[p * n + q] = 1;
    const out = gaussianBlurSame(src, n, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const a = p - i + 4;
        const b = q - j + 4;
        const expected = a >= 0 && a < 10 && b >= 0 && b < 10 ? Math.fround(BLUR_KERNEL[a * 10 + b]) : 0;
        expect(out[i * n + j]).toBe(expected);
      }
    }
    // The blurred delta's maximum sits at (p−0, q−1): the kernel peak (4,5) lands one column left.
    const argmax = out.indexOf(Math.max(...out));
    expect([Math.floor(argmax / n), argmax % n]).toEqual([p, q - 1]);
  });

  it("matches scipy correlate2d with (4,5) zero padding on random data", () => {
    const input = reference.preprocess.blurInput;
    const h = input.length;
    const w = input[0].length;
    const out = gaussianBlurSame(Float32Array.from(input.flat()), h, w);
    reference.preprocess.blurOutput.flat().forEach((v, i) => expect(out[i]).toBeCloseTo(v, 6));
  });
});

describe("prepareImage / prepareHumanMap", () => {
  it("keeps a constant image constant and in [0,255]", () => {
    const out = prepareImage(new Uint8Array(256 * 256 * 3).fill(200));
    expect(out.length).toBe(224 * 224 * 3);
    expect(out.every((v) => v === 200)).toBe(true);
  });

  it("matches an independent NumPy/SciPy pipeline on a formula-defined map", () => {
    const map = new Uint8Array(256 * 256);
    for (let i = 0; i < 256; i++) {
      for (let j = 0; j < 256; j++) {
        const blob = 200 * Math.exp(-((i - 90) ** 2 + (j - 150) ** 2) / (2 * 30 ** 2));
        map[i * 256 + j] = Math.min(255, Math.max(0, Math.floor(blob + ((i * 7 + j * 3) % 50))));
      }
    }
    // Bit-exact with TF's kernel arithmetic replayed in NumPy float32.
    const r224 = resizeBilinear(Float32Array.from(map), 256, 256, 1, 224, 224);
    for (const [a, b, v] of reference.preprocess.resize224Float32Probe) expect(r224[a * 224 + b]).toBe(v);
    const small = resizeBilinear(Float32Array.from(map), 256, 256, 1, 64, 64);
    for (const [a, b, v] of reference.preprocess.humanMap64Probe) expect(small[a * 64 + b]).toBeCloseTo(v, 4);
    const blurred = gaussianBlurSame(small, 64, 64);
    for (const [a, b, v] of reference.preprocess.humanMapBlurredProbe) expect(blurred[a * 64 + b]).toBeCloseTo(v, 3);
    const out = prepareHumanMap(map);
    expect(out.length).toBe(224 * 224);
    for (const [a, b, v] of reference.preprocess.humanMapProbe) expect(out[a * 224 + b]).toBeCloseTo(v, 3);
  });

  it("rejects wrong sizes with the expected shape in the message", () => {
    expect(() => prepareImage(new Uint8Array(10))).toThrow(/256x256x3/);
    expect(() => prepareHumanMap(new Uint8Array(256 * 256 * 3))).toThrow(/256x256 = 65536/);
  });
});

describe("applyModelPreprocessing", () => {
  it("applies (x·scale − mean_c)/std_c per channel", () => {
    const img = Float32Array.from([255, 0, 127.5, 51, 102, 204]);
    const p = { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } as const;
    const out = applyModelPreprocessing(img, { ...p, mean: [...p.mean], std: [...p.std] });
    const expected = [
      (1 - 0.485) / 0.229,
      (0 - 0.456) / 0.224,
      (0.5 - 0.406) / 0.225,
      (0.2 - 0.485) / 0.229,
      (0.4 - 0.456) / 0.224,
      (0.8 - 0.406) / 0.225,
    ];
    expected.forEach((v, i) => expect(out[i]).toBeCloseTo(v, 5));
    expect(Array.from(applyModelPreprocessing(img, IDENTITY_PREPROCESSING))).toEqual(Array.from(img));
  });

  it("rejects a zero std", () => {
    expect(() => applyModelPreprocessing(new Float32Array(3), { scale: 1, mean: [0, 0, 0], std: [1, 0, 1] })).toThrow(/std\[1\]/);
  });
});
