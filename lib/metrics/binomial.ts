/** Intervals for a proportion k/n (a level's accuracy on the "how" chart). */

/** The standard normal's 97.5th percentile. */
export const Z_95 = 1.959963984540054;

/**
 * Wilson's score interval (Wilson 1927; method 3 of Newcombe 1998), clipped to [0, 1]: unlike the normal
 * approximation it stays inside [0, 1] and is not degenerate at 0/n or n/n. Null when n is 0.
 */
export function wilsonInterval(k: number, n: number, z = Z_95): [number, number] | null {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) throw new RangeError(`wilsonInterval: ${k} of ${n}`);
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
