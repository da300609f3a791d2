/**
 * Spearman rank correlation with scipy `spearmanr` semantics: the Pearson correlation of average ranks
 * (scipy `rankdata(method="average")`), accumulated in float64.
 *
 * Ranking is an LSD radix sort over order-preserving unsigned keys of the IEEE bit patterns (3 passes of
 * 11 bits per 32-bit word) carrying an index permutation, so a 224×224 map ranks in O(n) without
 * comparator sorts. Buffers live in a reusable workspace.
 */

const RADIX_BITS = 11;
const BUCKETS = 1 << RADIX_BITS;
const MASK = BUCKETS - 1;

export type RankInput = Float32Array | Float64Array;

export class SpearmanWorkspace {
  private capacity = 0;
  private keyHi = new Uint32Array(0);
  private keyLo = new Uint32Array(0);
  private sortKeyA = new Uint32Array(0);
  private sortKeyB = new Uint32Array(0);
  private idx = new Uint32Array(0);
  private tmpIdx = new Uint32Array(0);
  private ranksA = new Float64Array(0);
  private ranksB = new Float64Array(0);
  private readonly counts = new Uint32Array(BUCKETS * 3);

  private ensure(n: number): void {
    if (n <= this.capacity) return;
    this.capacity = n;
    this.keyHi = new Uint32Array(n);
    this.keyLo = new Uint32Array(n);
    this.sortKeyA = new Uint32Array(n);
    this.sortKeyB = new Uint32Array(n);
    this.idx = new Uint32Array(n);
    this.tmpIdx = new Uint32Array(n);
    this.ranksA = new Float64Array(n);
    this.ranksB = new Float64Array(n);
  }

  /** 1-based average ranks of `values` (ties share the mean of their positions). Throws on NaN. */
  averageRanks(values: RankInput, out?: Float64Array): Float64Array {
    const n = values.length;
    const ranks = out ?? new Float64Array(n);
    if (ranks.length < n) throw new RangeError(`averageRanks: output length ${ranks.length} < input length ${n}`);
    this.ensure(n);
    const wide = values instanceof Float64Array;
    this.writeKeys(values);
    for (let i = 0; i < n; i++) this.idx[i] = i;
    if (wide) this.radixPass(this.keyLo, n);
    this.radixPass(this.keyHi, n);
    this.assignAverageRanks(n, wide, ranks);
    return ranks;
  }

  /** ρ of two equally long maps; null when either is constant (or shorter than 2), where ρ is undefined. */
  spearman(a: RankInput, b: RankInput): number | null {
    if (a.length !== b.length) throw new RangeError(`spearman: length mismatch (${a.length} vs ${b.length})`);
    const n = a.length;
    if (n < 2) return null;
    this.ensure(n);
    const ra = this.averageRanks(a, this.ranksA);
    const rb = this.averageRanks(b, this.ranksB);
    // Average ranks are multiples of 1/2, so these sums are exact in float64 while n³ < 2^53 (n < ~200k).
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let i = 0; i < n; i++) {
      const x = ra[i];
      const y = rb[i];
      sab += x * y;
      saa += x * x;
      sbb += y * y;
    }
    const m = (n + 1) / 2;
    const nmm = n * m * m;
    const cov = sab - nmm;
    const va = saa - nmm;
    const vb = sbb - nmm;
    if (va <= 0 || vb <= 0) return null;
    const rho = cov / Math.sqrt(va * vb);
    return Math.max(-1, Math.min(1, rho));
  }

  private writeKeys(values: RankInput): void {
    const n = values.length;
    if (values instanceof Float32Array) {
      const bits = new Uint32Array(values.buffer, values.byteOffset, n);
      for (let i = 0; i < n; i++) this.keyHi[i] = orderKey(bits[i], values[i], i);
      return;
    }
    const bits = new Uint32Array(values.buffer, values.byteOffset, n * 2);
    // Little-endian hosts (every Node target): word 2i is the low half of value i.
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== v) throw new RangeError(`averageRanks: NaN at index ${i}; maps must be finite numbers`);
      let hi = bits[2 * i + 1];
      let lo = bits[2 * i];
      if (v === 0) hi = lo = 0; // -0 and +0 are one value
      if (hi & 0x80000000) {
        hi = ~hi >>> 0;
        lo = ~lo >>> 0;
      } else {
        hi = (hi | 0x80000000) >>> 0;
      }
      this.keyHi[i] = hi;
      this.keyLo[i] = lo;
    }
  }

  /** Stable LSD counting passes (11 bits each) over `keys`, refining the permutation in `idx`. */
  private radixPass(keys: Uint32Array, n: number): void {
    const c = this.counts;
    c.fill(0);
    let srcIdx = this.idx;
    let dstIdx = this.tmpIdx;
    let srcKey = this.sortKeyA;
    let dstKey = this.sortKeyB;
    for (let j = 0; j < n; j++) {
      const k = keys[srcIdx[j]];
      srcKey[j] = k;
      c[k & MASK]++;
      c[BUCKETS + ((k >>> RADIX_BITS) & MASK)]++;
      c[2 * BUCKETS + (k >>> (2 * RADIX_BITS))]++;
    }
    for (let p = 0; p < 3; p++) {
      const base = p * BUCKETS;
      const shift = p * RADIX_BITS;
      if (c[base + ((srcKey[0] >>> shift) & MASK)] === n) continue; // one digit everywhere: nothing to move
      let sum = 0;
      for (let b = 0; b < BUCKETS; b++) {
        const t = c[base + b];
        c[base + b] = sum;
        sum += t;
      }
      for (let j = 0; j < n; j++) {
        const k = srcKey[j];
        const pos = c[base + ((k >>> shift) & MASK)]++;
        dstKey[pos] = k;
        dstIdx[pos] = srcIdx[j];
      }
      [srcKey, dstKey] = [dstKey, srcKey];
      [srcIdx, dstIdx] = [dstIdx, srcIdx];
    }
    this.idx = srcIdx;
    this.tmpIdx = dstIdx;
    this.sortKeyA = srcKey; // sorted keys of this pass, in sorted order
    this.sortKeyB = dstKey;
  }

  private assignAverageRanks(n: number, wide: boolean, ranks: Float64Array): void {
    const idx = this.idx;
    const sorted = this.sortKeyA; // high words in sorted order (the last pass sorted them)
    const lo = this.keyLo;
    let start = 0;
    while (start < n) {
      const k = sorted[start];
      let end = start + 1;
      if (wide) {
        const l = lo[idx[start]];
        while (end < n && sorted[end] === k && lo[idx[end]] === l) end++;
      } else {
        while (end < n && sorted[end] === k) end++;
      }
      // Sorted positions start..end-1 (0-based) share the mean of ranks start+1..end.
      const r = (start + end + 1) / 2;
      for (let j = start; j < end; j++) ranks[idx[j]] = r;
      start = end;
    }
  }
}

function orderKey(bits: number, value: number, i: number): number {
  if (value !== value) throw new RangeError(`averageRanks: NaN at index ${i}; maps must be finite numbers`);
  if (value === 0) return 0x80000000; // -0 and +0 are one value
  return bits & 0x80000000 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
}

const shared = new SpearmanWorkspace();

/** 1-based average ranks for ties (scipy `rankdata(method="average")`). */
export function averageRanks(values: RankInput, out?: Float64Array): Float64Array {
  return shared.averageRanks(values, out);
}

/** Spearman ρ (Pearson of average ranks, float64); null when either map is constant. Throws on NaN. */
export function spearman(a: RankInput, b: RankInput): number | null {
  return shared.spearman(a, b);
}
