import { JpegDecodeError } from "./errors";

const LOOKAHEAD = 9;

/** A derived Huffman table (libjpeg jdhuff.c jpeg_make_d_derived_tbl): a 9-bit lookahead plus maxcode/valptr for longer codes. */
export type HuffmanTable = {
  /** (length << 8) | symbol for codes of ≤ 9 bits, 0 where the code is longer. */
  lookup: Uint16Array;
  maxcode: Int32Array; // indexed by length 1..17; maxcode[17] is a sentinel
  valoffset: Int32Array;
  values: Uint8Array;
};

/** Parses a DHT segment into `dc`/`ac` table slots. */
export function parseHuffmanTables(seg: Uint8Array, dc: (HuffmanTable | undefined)[], ac: (HuffmanTable | undefined)[]): void {
  let o = 0;
  while (o < seg.length) {
    if (o + 17 > seg.length) throw new JpegDecodeError("corrupt DHT segment: too short");
    const tc = seg[o] >> 4;
    const th = seg[o] & 15;
    if (tc > 1 || th > 3) throw new JpegDecodeError(`corrupt DHT segment: class ${tc}, table ${th}`);
    const counts = seg.subarray(o + 1, o + 17);
    let total = 0;
    for (let i = 0; i < 16; i++) total += counts[i];
    if (total > 256 || o + 17 + total > seg.length) throw new JpegDecodeError("corrupt DHT segment: bad symbol count");
    const values = seg.slice(o + 17, o + 17 + total);
    if (tc === 0 && values.some((v) => v > 15)) throw new JpegDecodeError("corrupt DHT segment: DC symbol above 15");
    (tc === 0 ? dc : ac)[th] = buildTable(counts, values);
    o += 17 + total;
  }
}

function buildTable(counts: Uint8Array, values: Uint8Array): HuffmanTable {
  const lookup = new Uint16Array(1 << LOOKAHEAD);
  const maxcode = new Int32Array(18).fill(-1);
  const valoffset = new Int32Array(18);
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    const n = counts[len - 1];
    valoffset[len] = k - code;
    for (let i = 0; i < n; i++, k++, code++) {
      if (len <= LOOKAHEAD) {
        const shift = LOOKAHEAD - len;
        const base = code << shift;
        for (let j = 0; j < 1 << shift; j++) lookup[base + j] = (len << 8) | values[k];
      }
    }
    if (n > 0) maxcode[len] = code - 1;
    if (code > 1 << len) throw new JpegDecodeError("corrupt DHT segment: code lengths overflow");
    code <<= 1;
  }
  maxcode[17] = 0x7fffffff;
  return { lookup, maxcode, valoffset, values };
}

/**
 * Entropy-coded segment reader. At a marker or the end of the data it feeds zero bits, as libjpeg does, but counts
 * them, and throws as soon as a decoded symbol actually uses one (libjpeg would only warn and emit grey).
 */
export class BitReader {
  pos: number;
  private buf = 0;
  private cnt = 0;
  private fake = 0;
  constructor(
    private readonly data: Uint8Array,
    start: number,
    private readonly scanNumber: number,
  ) {
    this.pos = start;
  }

  private fill(): void {
    const data = this.data;
    while (this.cnt <= 24) {
      let byte = 0;
      if (this.fake === 0 && this.pos < data.length) {
        byte = data[this.pos];
        if (byte === 0xff) {
          const next = this.pos + 1 < data.length ? data[this.pos + 1] : -1;
          if (next === 0) this.pos += 2;
          else byte = -1;
        } else this.pos++;
      } else byte = -1;
      if (byte < 0) {
        this.fake += 8;
        byte = 0;
      }
      this.buf = (this.buf << 8) | byte;
      this.cnt += 8;
    }
  }

  private consume(n: number): void {
    this.cnt -= n;
    if (this.cnt < this.fake) this.truncated();
  }

  private truncated(): never {
    const where = this.pos >= this.data.length ? "end of data" : `marker 0xFF${this.data[this.pos + 1]?.toString(16).toUpperCase()}`;
    throw new JpegDecodeError(`truncated data in scan ${this.scanNumber} (hit ${where} before the scan's data ended)`);
  }

  bits(n: number): number {
    if (n === 0) return 0;
    if (this.cnt < n) this.fill();
    const v = (this.buf >>> (this.cnt - n)) & ((1 << n) - 1);
    this.consume(n);
    return v;
  }

  bit(): number {
    if (this.cnt < 1) this.fill();
    const v = (this.buf >>> (this.cnt - 1)) & 1;
    this.consume(1);
    return v;
  }

  /** Reads `n` bits and sign-extends them as a JPEG magnitude category (HUFF_EXTEND). */
  receiveExtend(n: number): number {
    if (n === 0) return 0;
    const v = this.bits(n);
    return v < 1 << (n - 1) ? v - (1 << n) + 1 : v;
  }

  decode(t: HuffmanTable): number {
    if (this.cnt < 16) this.fill();
    const peek = (this.buf >>> (this.cnt - LOOKAHEAD)) & ((1 << LOOKAHEAD) - 1);
    const hit = t.lookup[peek];
    if (hit !== 0) {
      this.consume(hit >> 8);
      return hit & 0xff;
    }
    let len = LOOKAHEAD + 1;
    let code = (this.buf >>> (this.cnt - len)) & ((1 << len) - 1);
    while (code > t.maxcode[len]) {
      len++;
      if (len > 16) {
        if (this.cnt - 16 < this.fake) this.truncated();
        throw new JpegDecodeError(`corrupt data: bad Huffman code in scan ${this.scanNumber}`);
      }
      code = (this.buf >>> (this.cnt - len)) & ((1 << len) - 1);
    }
    this.consume(len);
    return t.values[code + t.valoffset[len]];
  }

  /** Drops buffered bits and moves past the next marker, which must be `expected` (a restart); returns nothing. */
  restart(expected: number): void {
    this.buf = 0;
    this.cnt = 0;
    this.fake = 0;
    const marker = nextMarker(this.data, this.pos);
    if (marker.code !== expected) {
      const got = marker.code < 0 ? "end of data" : `marker 0xFF${marker.code.toString(16).toUpperCase()}`;
      throw new JpegDecodeError(`corrupt data: expected RST${expected - 0xd0} in scan ${this.scanNumber}, found ${got}`);
    }
    this.pos = marker.next;
  }
}

/** Finds the next marker at or after `pos`, skipping stray bytes as libjpeg's next_marker does. */
export function nextMarker(data: Uint8Array, pos: number): { code: number; at: number; next: number } {
  for (let p = pos; p + 1 < data.length; p++) {
    if (data[p] !== 0xff) continue;
    let q = p + 1;
    while (q < data.length && data[q] === 0xff) q++;
    if (q >= data.length) break;
    if (data[q] !== 0) return { code: data[q], at: p, next: q + 1 };
    p = q;
  }
  return { code: -1, at: data.length, next: data.length };
}
