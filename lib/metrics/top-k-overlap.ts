/**
 * Overlap of the most salient pixels of two maps: pixels strictly above each map's percentile
 * 100·(1 − fraction), then Dice = 2|A∩B| / (|A|+|B|+ε) and IoU = |A∩B| / (|A∪B|+ε), ε = 1e-9.
 */
export const OVERLAP_EPS = 1e-9;

let scratch = new Float32Array(0);

/**
 * `numpy.percentile(values, q)` with the default "linear" method on a float32 array, reproduced to the bit:
 * numpy ≥ 2 computes the virtual index as n·p + (1 − p) − 1 in float64 (p = q/100) and interpolates in
 * float32 (NEP 50 weak promotion of the Python-float weight), switching to b − (b−a)(1−t) when t ≥ 0.5.
 */
export function percentileLinear(values: Float32Array, q: number): number {
  const n = values.length;
  if (n === 0) throw new RangeError("percentileLinear: empty input");
  if (!(q >= 0 && q <= 100)) throw new RangeError(`percentileLinear: q must be in [0, 100], got ${q}`);
  if (scratch.length < n) scratch = new Float32Array(n);
  const work = scratch.subarray(0, n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== v) throw new RangeError(`percentileLinear: NaN at index ${i}; maps must be finite numbers`);
    work[i] = v;
  }
  const p = q / 100;
  const virtual = n * p + (1 - p) - 1;
  if (virtual >= n - 1) return maxOf(work);
  const lo = Math.floor(virtual);
  const a = select(work, lo);
  const b = minOf(work, lo + 1); // select() leaves everything ≥ a to the right of lo
  const t = virtual - lo;
  const diff = Math.fround(b - a);
  if (t >= 0.5) return Math.fround(b - Math.fround(diff * Math.fround(1 - t)));
  return Math.fround(a + Math.fround(diff * Math.fround(t)));
}

/** Dice and IoU of the top `fraction` pixels (strictly above the percentile) of two equally sized maps. */
export function topFractionDiceIou(a: Float32Array, b: Float32Array, fraction = 0.1): { dice: number; iou: number } {
  if (a.length !== b.length) throw new RangeError(`topFractionDiceIou: length mismatch (${a.length} vs ${b.length})`);
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`topFractionDiceIou: fraction must be in (0, 1), got ${fraction}`);
  const q = 100 - 100 * fraction;
  const ta = percentileLinear(a, q);
  const tb = percentileLinear(b, q);
  let inter = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const inA = a[i] > ta;
    const inB = b[i] > tb;
    if (inA) na++;
    if (inB) nb++;
    if (inA && inB) inter++;
  }
  return { dice: (2 * inter) / (na + nb + OVERLAP_EPS), iou: inter / (na + nb - inter + OVERLAP_EPS) };
}

/** Hoare-partition quickselect: returns the k-th smallest value and partitions `arr` around it. */
function select(arr: Float32Array, k: number): number {
  let left = 0;
  let right = arr.length - 1;
  while (right > left) {
    const mid = (left + right) >>> 1;
    // median of three as pivot keeps sorted and constant inputs linear
    const x = arr[left];
    const y = arr[mid];
    const z = arr[right];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while (arr[i] < pivot) i++;
      while (arr[j] > pivot) j--;
      if (i <= j) {
        const t = arr[i];
        arr[i] = arr[j];
        arr[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return arr[k];
  }
  return arr[k];
}

function minOf(arr: Float32Array, from: number): number {
  let m = Infinity;
  for (let i = from; i < arr.length; i++) if (arr[i] < m) m = arr[i];
  return m;
}

function maxOf(arr: Float32Array): number {
  let m = -Infinity;
  for (let i = 0; i < arr.length; i++) if (arr[i] > m) m = arr[i];
  return m;
}

const memo = { a: new Uint32Array(0), b: new Uint32Array(0), result: { dice: NaN, iou: NaN } };

const bitsOf = (v: Float32Array) => new Uint32Array(v.buffer, v.byteOffset, v.length);

function sameBits(kept: Uint32Array, v: Float32Array): boolean {
  if (kept.length !== v.length) return false;
  const bits = bitsOf(v);
  for (let i = 0; i < bits.length; i++) if (bits[i] !== kept[i]) return false;
  return true;
}

/**
 * topFractionDiceIou at the default 10%, reusing the previous result when both maps hold the same bits: Dice and
 * IoU are separate registry metrics over one computation, asked for in turn on the same maps (a compare is ~50×
 * cheaper than the two percentiles). Compared by content, so a buffer refilled in place is recomputed.
 */
export function topTenPercentOverlap(a: Float32Array, b: Float32Array): { dice: number; iou: number } {
  if (sameBits(memo.a, a) && sameBits(memo.b, b)) return memo.result;
  const result = topFractionDiceIou(a, b);
  memo.a = Uint32Array.from(bitsOf(a));
  memo.b = Uint32Array.from(bitsOf(b));
  memo.result = result;
  return result;
}
