/**
 * Ranks that admit ties. `rank` is the competition rank by value (1 + number of strictly better values);
 * `rankBest` is the best rank the confidence intervals allow (1 + number of rows whose lower bound is above
 * this row's upper bound), as in Chatbot Arena; `tiedWith` counts the other rows whose interval overlaps.
 * Higher values are better. O(n log n), so 10,000 rows rank in milliseconds.
 */
export type Rankable = { value: number; lo: number; hi: number };
export type Ranked<T> = T & { rank: number; rankBest: number; tiedWith: number };

/** Number of entries of the ascending array `sorted` that are strictly greater than x. */
function countGreater(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}

/** Number of entries of the ascending array `sorted` that are strictly less than x. */
function countLess(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function assignRanks<T extends Rankable>(rows: T[]): Ranked<T>[] {
  for (const r of rows) {
    if (![r.value, r.lo, r.hi].every(Number.isFinite) || r.lo > r.value || r.value > r.hi) {
      throw new Error(`assignRanks needs finite lo ≤ value ≤ hi (got ${r.lo}, ${r.value}, ${r.hi}).`);
    }
  }
  const values = Float64Array.from(rows, (r) => r.value).sort();
  const los = Float64Array.from(rows, (r) => r.lo).sort();
  const his = Float64Array.from(rows, (r) => r.hi).sort();
  const n = rows.length;
  return rows.map((r) => {
    const clearlyBetter = countGreater(los, r.hi);
    const clearlyWorse = countLess(his, r.lo);
    return {
      ...r,
      rank: 1 + countGreater(values, r.value),
      rankBest: 1 + clearlyBetter,
      // Intervals that neither lie wholly above nor wholly below this one overlap it (itself excluded).
      tiedWith: n - 1 - clearlyBetter - clearlyWorse,
    };
  });
}
