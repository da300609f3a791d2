import * as tf from "@tensorflow/tfjs";

type Pair = [number, number];
export type ConvKind = "conv2d" | "depthwise";
export type ConvAttrs = {
  strides: number | Pair;
  pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
  dilations?: number | Pair;
  dimRoundingMode?: "floor" | "round" | "ceil";
};

/** Inserts stride-1 zeros after every row/column of dy (all-4D reshapes and pads, so every backend runs it). */
function dilate(dy: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  const [n, oh, ow, c] = dy.shape;
  let out = dy;
  if (sh > 1) {
    const rows = tf.pad(tf.reshape(out, [n, oh, 1, ow * c]), [
      [0, 0],
      [0, 0],
      [0, sh - 1],
      [0, 0],
    ]);
    out = tf.reshape(rows, [n, oh * sh, ow, c]);
  }
  if (sw > 1) {
    const h = out.shape[1];
    const cols = tf.pad(tf.reshape(out, [n * h, ow, 1, c]), [
      [0, 0],
      [0, 0],
      [0, sw - 1],
      [0, 0],
    ]);
    out = tf.reshape(cols, [n, h, ow * sw, c]);
  }
  return out;
}

/**
 * Pads (positive amounts) or crops (negative amounts) the two spatial axes: the crop is a slice, the padding is
 * returned for the convolution to apply itself (zero padding inside the convolution instead of a padded copy of
 * dy; wasm's PadV2 was ~3 % of a gradient).
 */
function cropAndPad(x: tf.Tensor4D, before: Pair, after: Pair): { input: tf.Tensor4D; pad: tf.backend_util.ExplicitPadding } {
  const cut = (v: number) => Math.max(-v, 0);
  const pos = (v: number) => Math.max(v, 0);
  const pad: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [pos(before[0]), pos(after[0])],
    [pos(before[1]), pos(after[1])],
    [0, 0],
  ];
  if ([...before, ...after].every((v) => v >= 0)) return { input: x, pad };
  const [n, h, w, c] = x.shape;
  const input = tf.slice(
    x,
    [0, cut(before[0]), cut(before[1]), 0],
    [n, h - cut(before[0]) - cut(after[0]), w - cut(before[1]) - cut(after[1]), c],
  );
  return { input, pad };
}

/**
 * Flipped filters kept as tensors for one model's lifetime (weights do not change while a model is evaluated).
 * Besides the flip itself, this saves wasm an XNNPACK operator per convolution per batch: the operator, with its
 * packed weights, is cached per filter tensor, and a fresh flipped tensor each time forced a new one.
 */
export class FlippedFilterCache {
  private readonly tensors = new Map<object, Map<string, tf.Tensor4D>>();

  /** Runs `fn` (synchronous tensor code) with this cache serving the input-gradient kernels. */
  run<T>(fn: () => T): T {
    const previous = active.cache;
    active.cache = this;
    try {
      return fn();
    } finally {
      active.cache = previous;
    }
  }

  /** The variant `key` of `filter` (flipped, swapped, a stride phase…), built once. */
  get(filter: tf.Tensor4D, key: string, build: () => tf.Tensor4D): tf.Tensor4D {
    const slot = this.tensors.get(filter.dataId) ?? new Map<string, tf.Tensor4D>();
    let variant = slot.get(key);
    if (!variant || variant.isDisposed) {
      variant = tf.keep(build());
      slot.set(key, variant);
      this.tensors.set(filter.dataId, slot);
    }
    return variant;
  }

  dispose(): void {
    for (const slot of this.tensors.values()) tf.dispose([...slot.values()]);
    this.tensors.clear();
  }
}

/** The cache serving input-gradient kernels right now (set by FlippedFilterCache.run). */
const active: { cache: FlippedFilterCache | null } = { cache: null };

/**
 * The filter flipped in space (and with in/out channels swapped for conv2d), built in JS: filters are small, and
 * wasm's Reverse and Transpose kernels cost more per call than this loop (measured on MobileNetV2).
 */
function flippedCopy(filter: tf.Tensor4D, swapChannels: boolean): tf.Tensor4D {
  const [fh, fw, ci, co] = filter.shape;
  const src = filter.dataSync();
  const out = new Float32Array(src.length);
  for (let i = 0; i < fh; i++) {
    for (let j = 0; j < fw; j++) {
      const from = (i * fw + j) * ci * co;
      const to = ((fh - 1 - i) * fw + (fw - 1 - j)) * ci * co;
      if (!swapChannels) {
        out.set(src.subarray(from, from + ci * co), to);
        continue;
      }
      for (let a = 0; a < ci; a++) for (let b = 0; b < co; b++) out[to + b * ci + a] = src[from + a * co + b];
    }
  }
  return tf.tensor4d(out, swapChannels ? [fh, fw, co, ci] : [fh, fw, ci, co]);
}

function flipFilter(filter: tf.Tensor4D, swapChannels: boolean): tf.Tensor4D {
  const [fh, fw] = filter.shape;
  if (fh === 1 && fw === 1 && !swapChannels) return filter;
  const build = () => flippedCopy(filter, swapChannels);
  return active.cache ? active.cache.get(filter, swapChannels ? "swapped" : "flipped", build) : build();
}

/** One axis of a stride phase: which filter taps reach input rows ≡ r (mod s), and how dy lines up with them. */
function phaseAxis(r: number, s: number, pad: number, f: number, outLen: number, inLen: number) {
  const k0 = (r + pad) % s;
  const shift = Math.floor((r + pad) / s);
  const taps = k0 < f ? Math.ceil((f - k0) / s) : 0;
  const rows = inLen / s;
  // Correlation with the taps reversed: dx[s·q + r] = Σ_j dy[q + shift − (taps − 1) + j] · w[k0 + s·(taps − 1 − j)].
  return { taps, tap: (j: number) => k0 + s * (taps - 1 - j), before: taps - 1 - shift, after: rows + shift - outLen };
}

/** The sub-filter of one stride phase, in correlation order (channels swapped for conv2d, as in flippedCopy). */
function phaseFilter(filter: tf.Tensor4D, ty: number, tx: number, tapY: (j: number) => number, tapX: (j: number) => number, swap: boolean) {
  const [, fw, ci, co] = filter.shape;
  const src = filter.dataSync();
  const out = new Float32Array(ty * tx * ci * co);
  for (let jy = 0; jy < ty; jy++)
    for (let jx = 0; jx < tx; jx++) {
      const from = (tapY(jy) * fw + tapX(jx)) * ci * co;
      const to = (jy * tx + jx) * ci * co;
      if (!swap) out.set(src.subarray(from, from + ci * co), to);
      else for (let a = 0; a < ci; a++) for (let b = 0; b < co; b++) out[to + b * ci + a] = src[from + a * co + b];
    }
  return tf.tensor4d(out, swap ? [ty, tx, co, ci] : [ty, tx, ci, co]);
}

/**
 * Strided convolutions by sub-pixel phases: the input rows and columns ≡ (ry, rx) (mod stride) receive only some
 * filter taps, so each phase is a stride-1 convolution of dy itself with a sub-filter, and the phases are then
 * interleaved. Same products as the dilated formulation below without its zeros: a quarter of the work at stride
 * 2. The interleave copies the whole gradient twice through wasm's slow concat, so it pays only where the gradient
 * has few channels: the image-facing convolution (MobileNetV2's first layer, batch 2: 37 → 16 ms; a strided
 * depthwise layer with 144 channels got slower, 21 → 54 ms). Square strides that divide the input, no dilation,
 * at most PHASED_MAX_CHANNELS input channels; otherwise null.
 */
const PHASED_MAX_CHANNELS = 16;

function phasedInputGradient(kind: ConvKind, dy: tf.Tensor4D, filter: tf.Tensor4D, info: tf.backend_util.Conv2DInfo): tf.Tensor4D | null {
  const { strideHeight: s, strideWidth: sw, dilationHeight, dilationWidth, filterHeight: fh, filterWidth: fw } = info;
  const { inHeight: h, inWidth: w, outHeight: oh, outWidth: ow, batchSize: n, inChannels } = info;
  if (s === 1 || s !== sw || dilationHeight !== 1 || dilationWidth !== 1 || h % s !== 0 || w % s !== 0) return null;
  if (inChannels > PHASED_MAX_CHANNELS || (kind === "depthwise" && filter.shape[3] !== 1)) return null;
  const rows: tf.Tensor4D[] = [];
  for (let ry = 0; ry < s; ry++) {
    const phases: tf.Tensor4D[] = [];
    const y = phaseAxis(ry, s, info.padInfo.top, fh, oh, h);
    for (let rx = 0; rx < s; rx++) {
      const x = phaseAxis(rx, s, info.padInfo.left, fw, ow, w);
      if (y.taps === 0 || x.taps === 0) {
        phases.push(tf.zeros([n, h / s, w / s, inChannels]));
        continue;
      }
      const build = () => phaseFilter(filter, y.taps, x.taps, y.tap, x.tap, kind === "conv2d");
      const sub = active.cache ? active.cache.get(filter, `phase ${ry},${rx}`, build) : build();
      const { input, pad } = cropAndPad(dy, [y.before, x.before], [y.after, x.after]);
      phases.push(kind === "conv2d" ? tf.conv2d(input, sub, 1, pad) : tf.depthwiseConv2d(input, sub, 1, pad));
    }
    // Stacking the column phases on a new axis before the channels and merging it into the width interleaves them.
    rows.push(tf.reshape(tf.stack(phases, 3), [n, h / s, w, inChannels]));
  }
  // Likewise for the rows, with the new axis before the width.
  return tf.reshape(tf.stack(rows, 2), [n, h, w, inChannels]);
}

/**
 * The gradient of a (depthwise) convolution w.r.t. its input, computed as a FORWARD stride-1 convolution of the
 * dilated, padded dy with the spatially flipped filter: forward convolutions take wasm's fast XNNPACK path,
 * while the dedicated backprop-input kernels are naive loops (or missing, for depthwise).
 */
export function convInputGradient(
  kind: ConvKind,
  inputShape: [number, number, number, number],
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  attrs: ConvAttrs,
): tf.Tensor4D {
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape,
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    kind === "depthwise",
  );
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const { filterHeight: fh, filterWidth: fw, inHeight: h, inWidth: w, outHeight: oh, outWidth: ow } = info;
  const phased = phasedInputGradient(kind, dy, filter, info);
  if (phased) return phased;
  const { top, left } = info.padInfo;
  const dilated = dilate(dy, sh, sw);
  // dilate() leaves stride-1 trailing zeros, which the "after" amounts account for.
  const before: Pair = [(fh - 1) * dh - top, (fw - 1) * dw - left];
  const after: Pair = [h - 1 + top - (oh - 1) * sh - (sh - 1), w - 1 + left - (ow - 1) * sw - (sw - 1)];
  const { input: cropped, pad } = cropAndPad(dilated, before, after);
  if (kind === "conv2d") return tf.conv2d(cropped, flipFilter(filter, true), 1, pad, "NHWC", [dh, dw]);
  const [, , c, m] = filter.shape;
  const flipped = flipFilter(filter, false);
  if (m === 1) return tf.depthwiseConv2d(cropped, flipped, 1, pad, "NHWC", [dh, dw]);
  const perChannel = tf.depthwiseConv2d(cropped, tf.reshape(flipped, [fh, fw, c * m, 1]), 1, pad, "NHWC", [dh, dw]);
  return tf.sum(tf.reshape(perChannel, [inputShape[0], h, w, c, m]), 4);
}
