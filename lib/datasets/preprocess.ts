/**
 * Per-image preprocessing of the ClickMe protocol (docs/protocol.md §2), on plain Float32Arrays in HWC order.
 * Arithmetic mirrors TensorFlow's CPU kernels in float32 (Math.fround at each step), so results match TF to
 * the last bit or within float32 rounding.
 */
export const CLICKME_SIZE = 256;
export const MODEL_SIZE = 224;
export const BLUR_SIZE = 64;

type Axis = { lo: Int32Array; hi: Int32Array; frac: Float32Array };

/** TF's HalfPixelScaler: in = (out + 0.5) * (inSize / outSize) - 0.5, float32; lerp uses the unclamped floor. */
function interpolationAxis(inSize: number, outSize: number): Axis {
  const scale = Math.fround(inSize / outSize);
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const frac = new Float32Array(outSize);
  for (let i = 0; i < outSize; i++) {
    const c = Math.fround(Math.fround(Math.fround(i + 0.5) * scale) - 0.5);
    const f = Math.floor(c);
    lo[i] = Math.max(f, 0);
    hi[i] = Math.min(Math.ceil(c), inSize - 1);
    frac[i] = Math.fround(c - f);
  }
  return { lo, hi, frac };
}

/** tf.image.resize(method="bilinear") of TF2: half-pixel centres, no antialias, no corner alignment. */
export function resizeBilinear(src: Float32Array, h: number, w: number, c: number, outH: number, outW: number): Float32Array {
  for (const [name, v] of Object.entries({ h, w, c, outH, outW })) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`resizeBilinear: ${name} must be a positive integer, got ${v}`);
  }
  if (src.length !== h * w * c) {
    throw new RangeError(`resizeBilinear: input has ${src.length} values, expected ${h}x${w}x${c} = ${h * w * c}`);
  }
  const ys = interpolationAxis(h, outH);
  const xs = interpolationAxis(w, outW);
  const out = new Float32Array(outH * outW * c);
  const f = Math.fround;
  for (let y = 0; y < outH; y++) {
    const top = ys.lo[y] * w * c;
    const bottom = ys.hi[y] * w * c;
    const yl = ys.frac[y];
    for (let x = 0; x < outW; x++) {
      const left = xs.lo[x] * c;
      const right = xs.hi[x] * c;
      const xl = xs.frac[x];
      const o = (y * outW + x) * c;
      for (let k = 0; k < c; k++) {
        const tl = src[top + left + k];
        const tr = src[top + right + k];
        const bl = src[bottom + left + k];
        const br = src[bottom + right + k];
        const t = f(tl + f(f(tr - tl) * xl));
        const b = f(bl + f(f(br - bl) * xl));
        out[o + k] = f(t + f(f(b - t) * yl));
      }
    }
  }
  return out;
}

/** 10x10, sigma 10, on x ∈ {-5..4} (columns), y ∈ {4..-5} (rows), normalised: the reference's off-centre kernel. */
export const BLUR_KERNEL: Float64Array = (() => {
  const k = new Float64Array(100);
  let sum = 0;
  for (let r = 0; r < 10; r++) {
    for (let col = 0; col < 10; col++) {
      const x = col - 5;
      const y = 4 - r;
      k[r * 10 + col] = Math.exp(-(x * x + y * y) / (2 * 10 * 10));
      sum += k[r * 10 + col];
    }
  }
  for (let i = 0; i < 100; i++) k[i] /= sum;
  return k;
})();

/** The reference casts the kernel to float32 before the convolution. */
const BLUR_KERNEL_F32 = Float32Array.from(BLUR_KERNEL);

/**
 * Cross-correlation with BLUR_KERNEL and TF 'SAME' zero padding for an even kernel (4 before, 5 after):
 * out(i,j) = Σ K[a][b] · in(i+a−4, j+b−4). Float32 inputs and kernel, accumulated in float64 and rounded to
 * float32 once: TF's float32 conv sums in an unspecified order, so this is its exact-rounding limit.
 */
export function gaussianBlurSame(src: Float32Array, h: number, w: number): Float32Array {
  if (src.length !== h * w) throw new RangeError(`gaussianBlurSame: input has ${src.length} values, expected ${h}x${w}`);
  const out = new Float32Array(h * w);
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      let acc = 0;
      for (let a = 0; a < 10; a++) {
        const y = i + a - 4;
        if (y < 0 || y >= h) continue;
        const row = y * w;
        for (let b = 0; b < 10; b++) {
          const x = j + b - 4;
          if (x < 0 || x >= w) continue;
          acc += BLUR_KERNEL_F32[a * 10 + b] * src[row + x];
        }
      }
      out[i * w + j] = acc;
    }
  }
  return out;
}

function checkLength(what: string, arr: Uint8Array, expected: number, shape: string): void {
  if (arr.length !== expected) {
    throw new RangeError(`${what}: expected ${shape} = ${expected} values, got ${arr.length}`);
  }
}

/** 256x256x3 uint8 RGB -> 224x224x3 float32 in [0, 255]. */
export function prepareImage(rgb: Uint8Array): Float32Array {
  checkLength("prepareImage", rgb, CLICKME_SIZE * CLICKME_SIZE * 3, "256x256x3");
  return resizeBilinear(Float32Array.from(rgb), CLICKME_SIZE, CLICKME_SIZE, 3, MODEL_SIZE, MODEL_SIZE);
}

/** 256x256 uint8 human map -> resize to 64 -> blur -> resize to 224 (224x224 float32). */
export function prepareHumanMap(map: Uint8Array): Float32Array {
  checkLength("prepareHumanMap", map, CLICKME_SIZE * CLICKME_SIZE, "256x256");
  const small = resizeBilinear(Float32Array.from(map), CLICKME_SIZE, CLICKME_SIZE, 1, BLUR_SIZE, BLUR_SIZE);
  const blurred = gaussianBlurSame(small, BLUR_SIZE, BLUR_SIZE);
  return resizeBilinear(blurred, BLUR_SIZE, BLUR_SIZE, 1, MODEL_SIZE, MODEL_SIZE);
}

import type { Preprocessing } from "@/lib/types";

export type { Preprocessing };

export const IDENTITY_PREPROCESSING: Preprocessing = Object.freeze<Preprocessing>({
  scale: 1,
  mean: [0, 0, 0],
  std: [1, 1, 1],
});

/** x' = (x · scale − mean_c) / std_c per RGB channel on an HWC image; returns a new array. */
export function applyModelPreprocessing(img: Float32Array, p: Preprocessing): Float32Array {
  if (img.length % 3 !== 0) throw new RangeError(`applyModelPreprocessing: ${img.length} values is not an HxWx3 image`);
  if (!Number.isFinite(p.scale)) throw new RangeError(`applyModelPreprocessing: scale must be finite, got ${p.scale}`);
  for (let c = 0; c < 3; c++) {
    if (!Number.isFinite(p.mean[c])) throw new RangeError(`applyModelPreprocessing: mean[${c}] must be finite`);
    if (!Number.isFinite(p.std[c]) || p.std[c] === 0) {
      throw new RangeError(`applyModelPreprocessing: std[${c}] must be finite and non-zero, got ${p.std[c]}`);
    }
  }
  const out = new Float32Array(img.length);
  for (let i = 0; i < img.length; i += 3) {
    for (let c = 0; c < 3; c++) out[i + c] = (img[i + c] * p.scale - p.mean[c]) / p.std[c];
  }
  return out;
}
