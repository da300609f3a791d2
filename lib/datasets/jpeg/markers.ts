import { JpegDecodeError } from "./errors";

/** Zigzag index → natural (row-major) index, padded with 63s like libjpeg's jpeg_natural_order so a corrupt run lands in range. */
export const NATURAL_ORDER = new Int32Array([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57,
  50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63, 63, 63, 63, 63, 63, 63, 63,
  63, 63, 63, 63, 63, 63, 63, 63, 63,
]);

export type Component = {
  id: number;
  h: number;
  v: number;
  tq: number;
  /** Size of the component's own sample grid (libjpeg's downsampled_width/height). */
  width: number;
  height: number;
  /** Blocks allocated per row / column (MCU-padded). */
  blocksPerLine: number;
  blocksPerColumn: number;
  coefs: Int16Array;
};

export type Frame = {
  progressive: boolean;
  width: number;
  height: number;
  maxH: number;
  maxV: number;
  mcusPerLine: number;
  mcusPerColumn: number;
  components: Component[];
};

const SOF_UNSUPPORTED: Record<number, string> = {
  0xc3: "lossless JPEG not supported",
  0xc5: "unsupported: hierarchical (differential) JPEG",
  0xc6: "unsupported: hierarchical (differential) JPEG",
  0xc7: "lossless JPEG not supported",
  0xc9: "unsupported: arithmetic coding",
  0xca: "unsupported: arithmetic coding",
  0xcb: "lossless JPEG not supported (arithmetic coding)",
  0xcd: "unsupported: arithmetic coding",
  0xce: "unsupported: arithmetic coding",
  0xcf: "lossless JPEG not supported (arithmetic coding)",
};

/** Throws for SOF markers this decoder refuses; returns normally for SOF0/1/2. */
export function checkSofMarker(marker: number): void {
  const reason = SOF_UNSUPPORTED[marker];
  if (reason) throw new JpegDecodeError(reason);
}

/** Parses a SOF0/1/2 segment body and allocates the coefficient buffers. */
export function parseFrame(seg: Uint8Array, progressive: boolean): Frame {
  if (seg.length < 6) throw new JpegDecodeError("corrupt SOF segment: too short");
  const precision = seg[0];
  if (precision !== 8) throw new JpegDecodeError(`unsupported: ${precision}-bit precision (only 8-bit JPEGs are supported)`);
  const height = (seg[1] << 8) | seg[2];
  const width = (seg[3] << 8) | seg[4];
  const n = seg[5];
  if (height === 0) throw new JpegDecodeError("unsupported: image height 0 (DNL marker)");
  if (width === 0) throw new JpegDecodeError("corrupt SOF segment: image width 0");
  if (width > 65500 || height > 65500)
    throw new JpegDecodeError(`unsupported: ${width}x${height} image (libjpeg's maximum dimension is 65500)`);
  if (n === 4) throw new JpegDecodeError("unsupported: 4-component (CMYK/YCCK) JPEG");
  if (n !== 1 && n !== 3) throw new JpegDecodeError(`unsupported: ${n} components (only 1 or 3 are supported)`);
  if (seg.length < 6 + 3 * n) throw new JpegDecodeError("corrupt SOF segment: too short for its components");
  const parsed: { id: number; h: number; v: number; tq: number }[] = [];
  for (let i = 0; i < n; i++) {
    const o = 6 + 3 * i;
    const h = seg[o + 1] >> 4;
    const v = seg[o + 1] & 15;
    if (h < 1 || h > 4 || v < 1 || v > 4) throw new JpegDecodeError(`corrupt SOF segment: sampling factors ${h}x${v} (allowed 1..4)`);
    if (seg[o + 2] > 3) throw new JpegDecodeError(`corrupt SOF segment: quantization table ${seg[o + 2]} (allowed 0..3)`);
    parsed.push({ id: seg[o], h, v, tq: seg[o + 2] });
  }
  const maxH = Math.max(...parsed.map((c) => c.h));
  const maxV = Math.max(...parsed.map((c) => c.v));
  const mcusPerLine = Math.ceil(width / (8 * maxH));
  const mcusPerColumn = Math.ceil(height / (8 * maxV));
  const components = parsed.map((c): Component => {
    const blocksPerLine = n === 1 ? Math.ceil(Math.ceil((width * c.h) / maxH) / 8) : mcusPerLine * c.h;
    const blocksPerColumn = n === 1 ? Math.ceil(Math.ceil((height * c.v) / maxV) / 8) : mcusPerColumn * c.v;
    return {
      ...c,
      width: Math.ceil((width * c.h) / maxH),
      height: Math.ceil((height * c.v) / maxV),
      blocksPerLine,
      blocksPerColumn,
      coefs: allocateCoefficients(blocksPerLine * blocksPerColumn * 64, width, height),
    };
  });
  return { progressive, width, height, maxH, maxV, mcusPerLine, mcusPerColumn, components };
}

function allocateCoefficients(n: number, width: number, height: number): Int16Array {
  try {
    return new Int16Array(n);
  } catch {
    throw new JpegDecodeError(`unsupported: ${width}x${height} image is too large to decode in memory`);
  }
}

/** DQT: returns tables in natural order, keyed by id. 16-bit entries are accepted, as libjpeg does. */
export function parseQuantTables(seg: Uint8Array, tables: (Uint16Array | undefined)[]): void {
  let o = 0;
  while (o < seg.length) {
    const pq = seg[o] >> 4;
    const tq = seg[o] & 15;
    if (pq > 1 || tq > 3) throw new JpegDecodeError(`corrupt DQT segment: precision ${pq}, table ${tq}`);
    const size = pq === 0 ? 64 : 128;
    if (o + 1 + size > seg.length) throw new JpegDecodeError("corrupt DQT segment: too short");
    const table = new Uint16Array(64);
    for (let k = 0; k < 64; k++) {
      table[NATURAL_ORDER[k]] = pq === 0 ? seg[o + 1 + k] : (seg[o + 1 + 2 * k] << 8) | seg[o + 2 + 2 * k];
    }
    tables[tq] = table;
    o += 1 + size;
  }
}

export type Scan = {
  components: { comp: Component; index: number; td: number; ta: number }[];
  ss: number;
  se: number;
  ah: number;
  al: number;
};

export function parseScanHeader(seg: Uint8Array, frame: Frame): Scan {
  const n = seg[0];
  if (n < 1 || n > 4 || seg.length < 4 + 2 * n) throw new JpegDecodeError("corrupt SOS segment");
  const components: Scan["components"] = [];
  for (let i = 0; i < n; i++) {
    const id = seg[1 + 2 * i];
    const index = frame.components.findIndex((c) => c.id === id);
    if (index < 0) throw new JpegDecodeError(`corrupt SOS segment: component id ${id} is not in the frame`);
    components.push({ comp: frame.components[index], index, td: seg[2 + 2 * i] >> 4, ta: seg[2 + 2 * i] & 15 });
  }
  const o = 1 + 2 * n;
  const scan = { components, ss: seg[o], se: seg[o + 1], ah: seg[o + 2] >> 4, al: seg[o + 2] & 15 };
  if (n > 1) {
    const blocks = components.reduce((s, c) => s + c.comp.h * c.comp.v, 0);
    if (blocks > 10) throw new JpegDecodeError(`corrupt SOS segment: ${blocks} blocks per MCU (max 10)`);
  }
  if (frame.progressive) {
    const dc = scan.ss === 0;
    const bad =
      (dc && scan.se !== 0) ||
      (!dc && (scan.ss > scan.se || scan.se > 63 || n !== 1)) ||
      (scan.ah !== 0 && scan.al !== scan.ah - 1) ||
      scan.al > 13;
    if (bad) throw new JpegDecodeError(`corrupt progressive scan parameters Ss=${scan.ss} Se=${scan.se} Ah=${scan.ah} Al=${scan.al}`);
  }
  return scan;
}
