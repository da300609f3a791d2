/** jdcolor.c fixed-point tables: SCALEBITS 16, ONE_HALF rounding, results clamped like sample_range_limit. */
const SCALEBITS = 16;
const ONE_HALF = 1 << (SCALEBITS - 1);
const fix = (x: number) => Math.floor(x * (1 << SCALEBITS) + 0.5);

const CR_R = new Int32Array(256);
const CB_B = new Int32Array(256);
const CR_G = new Int32Array(256);
const CB_G = new Int32Array(256);
for (let i = 0; i < 256; i++) {
  const x = i - 128;
  CR_R[i] = (fix(1.402) * x + ONE_HALF) >> SCALEBITS;
  CB_B[i] = (fix(1.772) * x + ONE_HALF) >> SCALEBITS;
  CR_G[i] = -fix(0.71414) * x;
  CB_G[i] = -fix(0.34414) * x + ONE_HALF;
}

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);

type Src = { data: Uint8Array; stride: number };

/** ycc_rgb_convert */
export function yccToRgb(y: Src, cb: Src, cr: Src, width: number, height: number, out: Uint8Array): void {
  const yd = y.data;
  const bd = cb.data;
  const rd = cr.data;
  let o = 0;
  for (let r = 0; r < height; r++) {
    const yi = r * y.stride;
    const bi = r * cb.stride;
    const ri = r * cr.stride;
    for (let c = 0; c < width; c++) {
      const yy = yd[yi + c];
      const b = bd[bi + c];
      const rr = rd[ri + c];
      out[o] = clamp(yy + CR_R[rr]);
      out[o + 1] = clamp(yy + ((CB_G[b] + CR_G[rr]) >> SCALEBITS));
      out[o + 2] = clamp(yy + CB_B[b]);
      o += 3;
    }
  }
}

/** Interleaves planes unchanged (null_convert for RGB-coded JPEGs, gray_rgb_convert when all three are one plane). */
export function interleave(a: Src, b: Src, c: Src, width: number, height: number, out: Uint8Array): void {
  let o = 0;
  for (let r = 0; r < height; r++) {
    for (let x = 0; x < width; x++) {
      out[o++] = a.data[r * a.stride + x];
      out[o++] = b.data[r * b.stride + x];
      out[o++] = c.data[r * c.stride + x];
    }
  }
}

/** Copies one plane (grayscale_convert: the Y of YCbCr, or a grey image). */
export function copyPlane(p: Src, width: number, height: number, out: Uint8Array): void {
  for (let r = 0; r < height; r++) out.set(p.data.subarray(r * p.stride, r * p.stride + width), r * width);
}

/** rgb_gray_convert: Y = 0.299 R + 0.587 G + 0.114 B with the jdcolor.c rgb_y_tab rounding. */
export function rgbToGray(r: Src, g: Src, b: Src, width: number, height: number, out: Uint8Array): void {
  const fr = fix(0.299);
  const fg = fix(0.587);
  const fb = fix(0.114);
  let o = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = fr * r.data[y * r.stride + x] + fg * g.data[y * g.stride + x] + fb * b.data[y * b.stride + x] + ONE_HALF;
      out[o++] = v >> SCALEBITS;
    }
  }
}
