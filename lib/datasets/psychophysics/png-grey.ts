/**
 * Decodes the stimuli: 8-bit PNGs in greyscale (colour type 0), greyscale + alpha (4, alpha ignored) or RGB/RGBA whose
 * pixels are all grey (2/6). Non-interlaced only. node:zlib inflates; CRCs are checked.
 */
import zlib from "node:zlib";

export type GreyImage = { width: number; height: number; data: Uint8Array };

export class PngDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PngDecodeError";
  }
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function decodeGreyPng(png: Uint8Array, name = "PNG"): GreyImage {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.length < 8 || SIGNATURE.some((b, i) => buf[i] !== b)) throw new PngDecodeError(`${name} is not a PNG file`);
  let pos = 8;
  let header: { width: number; height: number; depth: number; colour: number; interlace: number } | null = null;
  const idat: Buffer[] = [];
  for (;;) {
    if (pos + 12 > buf.length) throw new PngDecodeError(`${name} is truncated (no IEND chunk)`);
    const len = buf.readUInt32BE(pos);
    const type = buf.toString("latin1", pos + 4, pos + 8);
    if (pos + 12 + len > buf.length) throw new PngDecodeError(`${name} is truncated in its ${type} chunk`);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (zlib.crc32(buf.subarray(pos + 4, pos + 8 + len)) !== buf.readUInt32BE(pos + 8 + len))
      throw new PngDecodeError(`${name}: CRC mismatch in its ${type} chunk`);
    pos += 12 + len;
    if (type === "IHDR") {
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8], colour: body[9], interlace: body[12] };
    } else if (type === "IDAT") idat.push(body);
    else if (type === "IEND") break;
  }
  if (!header) throw new PngDecodeError(`${name} has no IHDR chunk`);
  const { width, height, depth, colour, interlace } = header;
  const channels = CHANNELS[colour];
  if (depth !== 8 || channels === undefined) {
    throw new PngDecodeError(
      `${name}: ${depth}-bit colour type ${colour} is not supported (allowed: 8-bit greyscale, greyscale+alpha, grey RGB/RGBA)`,
    );
  }
  if (interlace !== 0) throw new PngDecodeError(`${name} is interlaced (Adam7), which is not supported`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length !== (stride + 1) * height)
    throw new PngDecodeError(`${name}: image data is ${raw.length} bytes, expected ${(stride + 1) * height}`);
  const pixels = unfilter(raw, stride, height, channels, name);
  const data = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < data.length; i++, p += channels) {
    data[i] = pixels[p];
    if (channels >= 3 && (pixels[p + 1] !== pixels[p] || pixels[p + 2] !== pixels[p])) {
      throw new PngDecodeError(
        `${name} has colour pixels (the first at x=${i % width}, y=${Math.floor(i / width)}); the stimuli are greyscale`,
      );
    }
  }
  return { width, height, data };
}

function unfilter(raw: Buffer, stride: number, height: number, bpp: number, name: string): Uint8Array {
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp] : 0;
      const b = y > 0 ? out[prev + x] : 0;
      const c = x >= bpp && y > 0 ? out[prev + x - bpp] : 0;
      let pred: number;
      switch (filter) {
        case 0:
          pred = 0;
          break;
        case 1:
          pred = a;
          break;
        case 2:
          pred = b;
          break;
        case 3:
          pred = (a + b) >> 1;
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw new PngDecodeError(`${name}: unknown row filter ${filter} in row ${y}`);
      }
      out[row + x] = (raw[src + x] + pred) & 0xff;
    }
  }
  return out;
}
