/**
 * Baseline greyscale (one-component) JPEG encoder. ClickMe stores its human maps as one-component JPEGs (the
 * reference reshapes the decoded map to 256x256x1), and jpeg-js only writes three-component files.
 * Standard IJG luminance quantisation (quality-scaled) and Annex K Huffman tables; float DCT.
 */
const ZIGZAG = Uint8Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57,
  50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
]);

const LUMA_QUANT = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22,
  37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];

const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_BITS = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
// prettier-ignore
const AC_VALUES = [
  0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14,
  0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09,
  0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a,
  0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65,
  0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88,
  0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9,
  0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca,
  0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea,
  0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
];

type HuffTable = { code: Uint16Array; length: Uint8Array };

/** Canonical Huffman codes from the (bits, values) description of a DHT segment (JPEG Annex C). */
function buildHuffman(bits: number[], values: number[]): HuffTable {
  const code = new Uint16Array(256);
  const length = new Uint8Array(256);
  let c = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < bits[len - 1]; i++) {
      code[values[k]] = c++;
      length[values[k++]] = len;
    }
    c <<= 1;
  }
  return { code, length };
}

const DC_TABLE = buildHuffman(DC_BITS, DC_VALUES);
const AC_TABLE = buildHuffman(AC_BITS, AC_VALUES);

/** cos((2x+1)uπ/16) · C(u)/2, indexed [u*8 + x]. */
const DCT_BASIS = Float64Array.from({ length: 64 }, (_, i) => {
  const u = i >> 3;
  const x = i & 7;
  return (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
});

export function quantTable(quality: number): Uint8Array {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? 5000 / q : 200 - 2 * q;
  return Uint8Array.from(LUMA_QUANT, (v) => Math.min(255, Math.max(1, Math.floor((v * scale + 50) / 100))));
}

/** MSB-first bit packer with JPEG byte stuffing; holds < 8 pending bits between writes. */
class BitWriter {
  private out = new Uint8Array(1 << 16);
  private size = 0;
  private acc = 0;
  private n = 0;

  write(code: number, len: number): void {
    this.acc = (this.acc << len) | (code & ((1 << len) - 1)); // len ≤ 16, so acc stays below 2^24
    this.n += len;
    while (this.n >= 8) {
      this.n -= 8;
      const byte = (this.acc >>> this.n) & 0xff;
      this.push(byte);
      if (byte === 0xff) this.push(0);
    }
    this.acc &= (1 << this.n) - 1;
  }

  private push(byte: number): void {
    if (this.size === this.out.length) {
      const grown = new Uint8Array(this.out.length * 2);
      grown.set(this.out);
      this.out = grown;
    }
    this.out[this.size++] = byte;
  }

  finish(): Uint8Array {
    if (this.n > 0) this.write(0x7f, 8 - this.n); // pad with 1-bits
    return this.out.subarray(0, this.size);
  }
}

function category(v: number): number {
  let a = Math.abs(v);
  let n = 0;
  while (a > 0) {
    a >>= 1;
    n++;
  }
  return n;
}

function writeValue(w: BitWriter, v: number, cat: number): void {
  if (cat > 0) w.write(v < 0 ? v + (1 << cat) - 1 : v, cat);
}

function forwardDct(block: Float64Array, out: Float64Array): void {
  const tmp = new Float64Array(64);
  for (let y = 0; y < 8; y++) {
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let x = 0; x < 8; x++) s += DCT_BASIS[u * 8 + x] * block[y * 8 + x];
      tmp[y * 8 + u] = s;
    }
  }
  for (let v = 0; v < 8; v++) {
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let y = 0; y < 8; y++) s += DCT_BASIS[v * 8 + y] * tmp[y * 8 + u];
      out[v * 8 + u] = s;
    }
  }
}

function segment(marker: number, payload: number[]): number[] {
  const len = payload.length + 2;
  return [0xff, marker, len >> 8, len & 0xff, ...payload];
}

export function encodeGreyJpeg(grey: Uint8Array, width: number, height: number, quality = 90): Uint8Array {
  if (grey.length !== width * height) {
    throw new RangeError(`encodeGreyJpeg: ${grey.length} pixels, expected ${width}x${height} = ${width * height}`);
  }
  if (width < 1 || height < 1 || width > 65535 || height > 65535) {
    throw new RangeError(`encodeGreyJpeg: size ${width}x${height} is outside 1..65535`);
  }
  const qt = quantTable(quality);
  const w = new BitWriter();
  const block = new Float64Array(64);
  const coef = new Float64Array(64);
  let prevDc = 0;
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let y = 0; y < 8; y++) {
        const row = Math.min(by + y, height - 1) * width; // edge replication pads partial blocks
        for (let x = 0; x < 8; x++) block[y * 8 + x] = grey[row + Math.min(bx + x, width - 1)] - 128;
      }
      forwardDct(block, coef);
      const dc = Math.round(coef[0] / qt[0]);
      const diff = dc - prevDc;
      prevDc = dc;
      const dcCat = category(diff);
      w.write(DC_TABLE.code[dcCat], DC_TABLE.length[dcCat]);
      writeValue(w, diff, dcCat);
      let run = 0;
      for (let k = 1; k < 64; k++) {
        const v = Math.round(coef[ZIGZAG[k]] / qt[ZIGZAG[k]]);
        if (v === 0) {
          run++;
          continue;
        }
        for (; run >= 16; run -= 16) w.write(AC_TABLE.code[0xf0], AC_TABLE.length[0xf0]);
        const cat = category(v);
        const sym = (run << 4) | cat;
        w.write(AC_TABLE.code[sym], AC_TABLE.length[sym]);
        writeValue(w, v, cat);
        run = 0;
      }
      if (run > 0) w.write(AC_TABLE.code[0x00], AC_TABLE.length[0x00]);
    }
  }
  const header = Uint8Array.from([
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0x00, ...Array.from(ZIGZAG, (z) => qt[z])]),
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    ...segment(0xc4, [0x00, ...DC_BITS, ...DC_VALUES, 0x10, ...AC_BITS, ...AC_VALUES]),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
  ]);
  const scan = w.finish();
  const out = new Uint8Array(header.length + scan.length + 2);
  out.set(header);
  out.set(scan, header.length);
  out.set([0xff, 0xd9], header.length + scan.length);
  return out;
}
