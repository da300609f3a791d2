import { mulberry32 } from "./prng";

export const BOOTSTRAP_DEFAULTS = { resamples: 1000, seed: 20221128, level: 0.95 } as const;

/**
 * Percentile-bootstrap interval for the mean. The exact algorithm, so results are reproducible bit for bit:
 * 1. rand = mulberry32(seed) (see prng.ts).
 * 2. For r = 0..resamples−1: draw n indices i = floor(rand() · n) in order, sum values[i] left to right in
 *    float64, mean_r = sum / n.
 * 3. Sort the means ascending (s). For p = (1−level)/2 and (1+level)/2: h = p·(resamples−1),
 *    value = s[⌊h⌋] + (h − ⌊h⌋)·(s[⌊h⌋+1] − s[⌊h⌋]) (numpy's default "linear" percentile, plain float64 form).
 * An empty input has no interval (NaN is never returned): it throws.
 */
export function bootstrapMeanCi(values: Float64Array, opts: { resamples?: number; seed?: number; level?: number } = {}): [number, number] {
  const { resamples, seed, level } = { ...BOOTSTRAP_DEFAULTS, ...opts };
  const n = values.length;
  if (n === 0) throw new RangeError("bootstrapMeanCi: no values");
  if (!Number.isInteger(resamples) || resamples < 2)
    throw new RangeError(`bootstrapMeanCi: resamples must be an integer ≥ 2, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrapMeanCi: level must be in (0, 1), got ${level}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`bootstrapMeanCi: non-finite value at index ${i}`);
  }
  const rand = mulberry32(seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += values[Math.floor(rand() * n)];
    means[r] = sum / n;
  }
  means.sort();
  const tail = (1 - level) / 2;
  return [interpolate(means, tail), interpolate(means, 1 - tail)];
}

/** numpy's default "linear" percentile p ∈ [0, 1] of ascending values. */
export function interpolate(sorted: Float64Array, p: number): number {
  const h = p * (sorted.length - 1);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
