/**
 * Pure-TypeScript baseline/progressive JPEG decoder, pixel-exact with libjpeg-turbo 2.1 as TensorFlow's
 * `decode_jpeg` uses it by default (`djpeg -dct fast`): IFAST IDCT, fancy upsampling, jdcolor.c tables.
 * Unlike libjpeg, corrupt or truncated data throws instead of being padded with zeros and warned about.
 */
import { copyPlane, interleave, rgbToGray, yccToRgb } from "./color";
import { JpegDecodeError } from "./errors";
import { idctBlock, makeIdctWorkspace, makeIfastTable } from "./idct-ifast";
import type { Component } from "./markers";
import { readJpeg } from "./read-jpeg";
import { upsample, type Plane } from "./upsample";

export { JpegDecodeError } from "./errors";

export type DecodedImage = { width: number; height: number; channels: 1 | 3; data: Uint8Array /* row-major HWC */ };

export function decodeJpeg(bytes: Uint8Array, options: { channels?: 1 | 3 } = {}): DecodedImage {
  const channels = options.channels;
  if (channels !== undefined && channels !== 1 && channels !== 3) {
    throw new JpegDecodeError(`unsupported channels ${String(channels)} (allowed: 1, 3 or omitted)`);
  }
  const { frame, quant, colorSpace } = readJpeg(bytes);
  const { width, height, maxH, maxV } = frame;
  const outChannels = channels ?? (colorSpace === "grayscale" ? 1 : 3);
  const data = new Uint8Array(width * height * outChannels);
  const lumaOnly = outChannels === 1 && colorSpace !== "rgb";
  const planes = frame.components.map((c, i) => {
    if (lumaOnly && i > 0) return undefined;
    if (maxH % c.h !== 0 || maxV % c.v !== 0)
      throw new JpegDecodeError(`unsupported: fractional sampling factors ${c.h}x${c.v} of ${maxH}x${maxV}`);
    return upsample(reconstruct(c, makeIfastTable(quant[i])), maxH / c.h, maxV / c.v);
  });
  const [a, b, c] = planes as Plane[];
  if (outChannels === 1) {
    if (colorSpace === "rgb") rgbToGray(a, b, c, width, height, data);
    else copyPlane(a, width, height, data);
  } else if (colorSpace === "grayscale") interleave(a, a, a, width, height, data);
  else if (colorSpace === "rgb") interleave(a, b, c, width, height, data);
  else yccToRgb(a, b, c, width, height, data);
  return { width, height, channels: outChannels, data };
}

/** Inverse-transforms the blocks that cover the component's own samples into a plane. */
function reconstruct(c: Component, table: Int16Array): Plane {
  const stride = c.blocksPerLine * 8;
  const bw = Math.ceil(c.width / 8);
  const bh = Math.ceil(c.height / 8);
  const out = new Uint8Array(stride * bh * 8);
  const work = makeIdctWorkspace();
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      idctBlock(c.coefs, (by * c.blocksPerLine + bx) * 64, table, out, by * 8 * stride + bx * 8, stride, work);
    }
  }
  return { data: out, width: c.width, height: c.height, stride };
}
