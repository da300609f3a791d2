/**
 * The importer's inputs: images (JPEG kept byte for byte, or PNG encoded to JPEG), human maps (PNG or .npy,
 * greyscale) as 256×256 uint8, and the labels CSV. Every error names the file (and line) and what is allowed.
 */
import { encode as encodeJpeg } from "jpeg-js";
import { decodeJpeg } from "../jpeg";
import { readNpyMap } from "../npy";
import { decodePng, isPng } from "../png-decode";

export const SIZE = 256;
/** jpeg-js / grey JPEG quality for inputs that are not already JPEG (PNG images, every map). */
export const IMPORT_JPEG_QUALITY = 100;
export const IMAGE_EXTENSIONS = [".jpg", ".jpeg", ".png"];
export const MAP_EXTENSIONS = [".png", ".npy"];

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportError";
  }
}

const isJpeg = (b: Uint8Array) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

function checkSize(file: string, width: number, height: number, what: string): void {
  if (width !== SIZE || height !== SIZE) {
    throw new ImportError(
      `${file}: the ${what} is ${width}x${height}; ClickMe-format records hold ${SIZE}x${SIZE} ${what}s (resize them beforehand)`,
    );
  }
}

/** The JPEG bytes the record stores: a 256×256 JPEG as it is, a 256×256 PNG encoded at quality 100. */
export function readImage(file: string, bytes: Uint8Array): Uint8Array {
  if (isJpeg(bytes)) {
    let d;
    try {
      d = decodeJpeg(bytes, { channels: 3 });
    } catch (err) {
      throw new ImportError(`${file}: not a readable JPEG: ${(err as Error).message}`);
    }
    checkSize(file, d.width, d.height, "image");
    return bytes;
  }
  if (!isPng(bytes)) throw new ImportError(`${file}: not a JPEG or PNG file`);
  let png;
  try {
    png = decodePng(bytes);
  } catch (err) {
    throw new ImportError(`${file}: not a readable PNG: ${(err as Error).message}`);
  }
  checkSize(file, png.width, png.height, "image");
  const rgba = new Uint8Array(SIZE * SIZE * 4);
  const shift = png.depth === 16 ? 8 : 0;
  for (let p = 0; p < SIZE * SIZE; p++) {
    for (let c = 0; c < 3; c++) rgba[p * 4 + c] = png.data[png.channels === 3 ? p * 3 + c : p] >> shift;
    rgba[p * 4 + 3] = 255;
  }
  return new Uint8Array(encodeJpeg({ data: rgba, width: SIZE, height: SIZE }, IMPORT_JPEG_QUALITY).data);
}

/**
 * A human map as 256×256 uint8. 8-bit sources (8-bit PNG, uint8 .npy) are kept as they are; others (16-bit PNG, any
 * other .npy dtype) are scaled so that their maximum becomes 255 (rounded): the protocol's map transform is linear
 * and ρ uses ranks, so a positive scale changes nothing but the rounding. Negative or non-finite values are refused.
 */
export function readMap(file: string, bytes: Uint8Array): Uint8Array {
  let width: number, height: number, values: ArrayLike<number>, eightBit: boolean;
  if (file.toLowerCase().endsWith(".npy")) {
    let npy;
    try {
      npy = readNpyMap(bytes);
    } catch (err) {
      throw new ImportError(`${file}: not a readable .npy map: ${(err as Error).message}`);
    }
    ({ width, height } = npy);
    values = npy.data;
    eightBit = npy.dtype === "u1";
  } else {
    let png;
    try {
      png = decodePng(bytes);
    } catch (err) {
      throw new ImportError(`${file}: not a readable PNG: ${(err as Error).message}`);
    }
    ({ width, height } = png);
    if (png.channels === 3) {
      for (let p = 0; p < width * height; p++) {
        const [r, g, b] = [png.data[p * 3], png.data[p * 3 + 1], png.data[p * 3 + 2]];
        if (r !== g || g !== b)
          throw new ImportError(
            `${file}: the map is in colour (pixel ${p % width},${Math.floor(p / width)} is ${r},${g},${b}); human maps are greyscale`,
          );
      }
      values = Uint16Array.from({ length: width * height }, (_, p) => png.data[p * 3]);
    } else values = png.data;
    eightBit = png.depth === 8;
  }
  checkSize(file, width, height, "map");
  const out = new Uint8Array(SIZE * SIZE);
  if (eightBit) {
    for (let i = 0; i < out.length; i++) out[i] = values[i];
    return out;
  }
  let max = 0;
  for (let i = 0; i < out.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v) || v < 0)
      throw new ImportError(`${file}: the map has the value ${v} at pixel ${i % SIZE},${Math.floor(i / SIZE)}; maps are finite and ≥ 0`);
    if (v > max) max = v;
  }
  if (max > 0) for (let i = 0; i < out.length; i++) out[i] = Math.round((values[i] * 255) / max);
  return out;
}

/** "stem,label" lines (an optional header whose label column is not a number); labels are integers in 0..numClasses-1. */
export function readLabels(file: string, text: string, numClasses: number): Map<string, number> {
  const labels = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const cells = line.split(",").map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
    if (cells.length !== 2)
      throw new ImportError(`${file}, line ${i + 1}: expected 2 columns (file stem, class index), got ${cells.length}: '${line}'`);
    const [stem, raw] = cells;
    if (i === 0 && !/^-?\d+$/.test(raw)) return; // header
    if (!/^\d+$/.test(raw) || Number(raw) >= numClasses) {
      throw new ImportError(`${file}, line ${i + 1}: label '${raw}' of '${stem}' is not a class index in 0..${numClasses - 1}`);
    }
    if (labels.has(stem)) throw new ImportError(`${file}, line ${i + 1}: '${stem}' is listed twice`);
    labels.set(stem, Number(raw));
  });
  if (!labels.size) throw new ImportError(`${file}: no labels (expected lines 'file stem,class index')`);
  return labels;
}
