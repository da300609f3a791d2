/**
 * A PNG decoder for importing human maps and images (lib/datasets/import-maps): non-interlaced, bit depth 8 or 16,
 * greyscale, grey+alpha, RGB, RGBA or 8-bit palette. Chunk CRCs are checked; alpha is dropped (maps and images are
 * opaque). Anything else is an error saying what the file is and what is supported.
 */
import { crc32, inflateSync } from "node:zlib";

export type DecodedPng = {
  width: number;
  height: number;
  /** Colour channels after dropping alpha (palette images expand to 3). */
  channels: 1 | 3;
  /** 8 or 16: the sample depth of `data`. */
  depth: 8 | 16;
  /** Row-major HWC samples, alpha removed. */
  data: Uint8Array | Uint16Array;
};

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const SAMPLES: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

export function decodePng(bytes: Uint8Array): DecodedPng {
  if (!isPng(bytes)) throw new Error("not a PNG file (bad signature)");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  let width = 0,
    height = 0,
    depth = 0,
    colourType = -1,
    interlace = 0;
  let palette: Uint8Array | null = null;
  const idat: Uint8Array[] = [];
  let ended = false;
  while (pos + 12 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (pos + 12 + length > bytes.length) throw new Error(`PNG chunk ${type} is truncated`);
    const body = bytes.subarray(pos + 8, pos + 8 + length);
    const crc = view.getUint32(pos + 8 + length);
    if (crc32(bytes.subarray(pos + 4, pos + 8 + length)) >>> 0 !== crc) throw new Error(`PNG chunk ${type} has a bad CRC (corrupt file)`);
    if (type === "IHDR") {
      const h = new DataView(body.buffer, body.byteOffset, body.byteLength);
      width = h.getUint32(0);
      height = h.getUint32(4);
      depth = body[8];
      colourType = body[9];
      interlace = body[12];
    } else if (type === "PLTE") palette = body.slice();
    else if (type === "IDAT") idat.push(body);
    else if (type === "IEND") {
      ended = true;
      break;
    }
    pos += 12 + length;
  }
  if (!ended) throw new Error("PNG has no IEND chunk (truncated file)");
  if (!width || !height) throw new Error("PNG has no IHDR chunk");
  if (!(colourType in SAMPLES)) throw new Error(`PNG colour type ${colourType} is not valid`);
  if (interlace !== 0) throw new Error("interlaced PNG is not supported (re-save it without interlacing)");
  if (colourType === 3 ? depth !== 8 : depth !== 8 && depth !== 16) {
    throw new Error(`PNG bit depth ${depth} is not supported (8 or 16${colourType === 3 ? "; palette images: 8" : ""})`);
  }
  if (colourType === 3 && !palette) throw new Error("palette PNG has no PLTE chunk");
  const samples = SAMPLES[colourType];
  const bpp = samples * (depth / 8);
  const stride = width * bpp;
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat));
  } catch (err) {
    throw new Error(`PNG image data cannot be inflated: ${(err as Error).message}`);
  }
  if (raw.length < height * (stride + 1)) throw new Error(`PNG image data is short: ${raw.length} bytes for ${width}x${height}`);
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : null;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? out[i - bpp] : 0;
      const b = prev ? prev[i] : 0;
      const c = prev && i >= bpp ? prev[i - bpp] : 0;
      let v: number;
      switch (filter) {
        case 0:
          v = line[i];
          break;
        case 1:
          v = line[i] + a;
          break;
        case 2:
          v = line[i] + b;
          break;
        case 3:
          v = line[i] + ((a + b) >> 1);
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a),
            pb = Math.abs(p - b),
            pc = Math.abs(p - c);
          v = line[i] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default:
          throw new Error(`PNG row ${y} has an unknown filter type ${filter}`);
      }
      out[i] = v & 0xff;
    }
  }
  const n = width * height;
  if (colourType === 3) {
    const rgb = new Uint8Array(n * 3);
    for (let p = 0; p < n; p++) {
      const k = pixels[p] * 3;
      if (k + 2 >= palette!.length) throw new Error(`PNG pixel uses palette entry ${pixels[p]}, beyond the palette`);
      rgb[p * 3] = palette![k];
      rgb[p * 3 + 1] = palette![k + 1];
      rgb[p * 3 + 2] = palette![k + 2];
    }
    return { width, height, channels: 3, depth: 8, data: rgb };
  }
  const colour = colourType === 2 || colourType === 6 ? 3 : 1;
  const data = depth === 8 ? new Uint8Array(n * colour) : new Uint16Array(n * colour);
  for (let p = 0; p < n; p++) {
    for (let ch = 0; ch < colour; ch++) {
      const s = p * samples + ch;
      data[p * colour + ch] = depth === 8 ? pixels[s] : (pixels[s * 2] << 8) | pixels[s * 2 + 1];
    }
  }
  return { width, height, channels: colour as 1 | 3, depth: depth as 8 | 16, data };
}
