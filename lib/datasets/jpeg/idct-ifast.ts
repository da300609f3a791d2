/**
 * libjpeg-turbo's IFAST inverse DCT (jidctfst.c, AAN algorithm, CONST_BITS 8, PASS1_BITS 2), written to match the
 * SSE2 kernel (jidctfst-sse2.asm) that djpeg and TensorFlow run on x86-64: every intermediate is a wrapping 16-bit
 * word, multiplies are pmulhw on operands pre-shifted by 2 bits, and the output saturates instead of using the C
 * code's wrap-around range-limit table. For in-range data both give identical pixels; they differ only on overflow.
 */

/** jddctmgr.c aanscales: 16384 * cos(k*pi/16) * sqrt(2) products, scaled up by 14 bits. */
const AAN_SCALES = new Int32Array([
  16384, 22725, 21407, 19266, 16384, 12873, 8867, 4520, 22725, 31521, 29692, 26722, 22725, 17855, 12299, 6270, 21407, 29692, 27969, 25172,
  21407, 16819, 11585, 5906, 19266, 26722, 25172, 22654, 19266, 15137, 10426, 5315, 16384, 22725, 21407, 19266, 16384, 12873, 8867, 4520,
  12873, 17855, 16819, 15137, 12873, 10114, 6967, 3552, 8867, 12299, 11585, 10426, 8867, 6967, 4799, 2446, 4520, 6270, 5906, 5315, 4520,
  3552, 2446, 1247,
]);

/** IFAST multiplier table: DESCALE(quantval * aanscale, 14 - IFAST_SCALE_BITS(2)), stored as a 16-bit word. */
export function makeIfastTable(quant: Uint16Array): Int16Array {
  const out = new Int16Array(64);
  for (let i = 0; i < 64; i++) out[i] = (quant[i] * AAN_SCALES[i] + (1 << 11)) >> 12;
  return out;
}

// FIX(x) << (16 - PRE_MULTIPLY_SCALE_BITS - CONST_BITS), the pmulhw operands.
const F1414 = 362 << 6;
const F1847 = 473 << 6;
const MF1613 = -((669 - 256) << 6);
const F1082 = 277 << 6;

const w = (x: number) => (x << 16) >> 16;
/** pmulhw(psllw(x, 2), c) */
const mul = (x: number, c: number) => (w(x << 2) * c) >> 16;

/**
 * One 1-D pass over 8 values read from `src` at `si + k*step` (k = 0..7), written to `dst` at `di + k*dstep`.
 * Both passes are this same butterfly in the SIMD code.
 */
function pass(src: Int16Array, si: number, step: number, dst: Int16Array, di: number, dstep: number): void {
  const i0 = src[si],
    i1 = src[si + step],
    i2 = src[si + 2 * step],
    i3 = src[si + 3 * step];
  const i4 = src[si + 4 * step],
    i5 = src[si + 5 * step],
    i6 = src[si + 6 * step],
    i7 = src[si + 7 * step];
  const tmp10 = w(i0 + i4);
  const tmp11 = w(i0 - i4);
  const tmp13 = w(i2 + i6);
  const tmp12 = w(mul(i2 - i6, F1414) - tmp13);
  const tmp0 = w(tmp10 + tmp13);
  const tmp3 = w(tmp10 - tmp13);
  const tmp1 = w(tmp11 + tmp12);
  const tmp2 = w(tmp11 - tmp12);

  const z13 = w(i5 + i3);
  const z10 = w(i5 - i3);
  const z11 = w(i1 + i7);
  const z12 = w(i1 - i7);
  const tmp7 = w(z11 + z13);
  const t11 = mul(z11 - z13, F1414);
  const z5 = mul(z10 + z12, F1847);
  const t10 = w(mul(z12, F1082) - z5);
  const t12 = w(mul(z10, MF1613) - z10 + z5);
  const tmp6 = w(t12 - tmp7);
  const tmp5 = w(t11 - tmp6);
  const tmp4 = w(t10 + tmp5);

  dst[di] = tmp0 + tmp7;
  dst[di + 7 * dstep] = tmp0 - tmp7;
  dst[di + dstep] = tmp1 + tmp6;
  dst[di + 6 * dstep] = tmp1 - tmp6;
  dst[di + 2 * dstep] = tmp2 + tmp5;
  dst[di + 5 * dstep] = tmp2 - tmp5;
  dst[di + 4 * dstep] = tmp3 + tmp4;
  dst[di + 3 * dstep] = tmp3 - tmp4;
}

/** Scratch space for idctBlock, reusable across blocks. */
export function makeIdctWorkspace(): { deq: Int16Array; ws: Int16Array; row: Int16Array } {
  return { deq: new Int16Array(64), ws: new Int16Array(64), row: new Int16Array(8) };
}

/** Dequantizes and inverse-transforms the block at coefs[off..off+64) into 8x8 samples at out[outOff], row stride `stride`. */
export function idctBlock(
  coefs: Int16Array,
  off: number,
  table: Int16Array,
  out: Uint8Array,
  outOff: number,
  stride: number,
  work: { deq: Int16Array; ws: Int16Array; row: Int16Array },
): void {
  const { deq, ws, row } = work;
  let ac = 0;
  for (let i = 1; i < 64; i++) ac |= coefs[off + i];
  if (ac === 0) {
    // Every pass of the butterfly maps an all-DC input to itself, so the block is flat.
    const v = w(coefs[off] * table[0]) >> 5;
    const px = v < -128 ? 0 : v > 127 ? 255 : v + 128;
    for (let r = 0; r < 8; r++) out.fill(px, outOff + r * stride, outOff + r * stride + 8);
    return;
  }
  for (let i = 0; i < 64; i++) deq[i] = coefs[off + i] * table[i];
  for (let col = 0; col < 8; col++) pass(deq, col, 8, ws, col, 8);
  for (let r = 0; r < 8; r++) {
    pass(ws, r * 8, 1, row, 0, 1);
    const o = outOff + r * stride;
    for (let c = 0; c < 8; c++) {
      const v = row[c] >> 5;
      out[o + c] = v < -128 ? 0 : v > 127 ? 255 : v + 128;
    }
  }
}
