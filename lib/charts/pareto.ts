/**
 * The Pareto front for maximise-both (accuracy × alignment): the points that no other point beats on one axis
 * without losing on the other. O(n log n) by a sweep from the highest x down.
 */
export type XY = { x: number; y: number };

/** q dominates p when it is at least as good on both axes and strictly better on one. */
export function dominates(q: XY, p: XY): boolean {
  return q.x >= p.x && q.y >= p.y && (q.x > p.x || q.y > p.y);
}

/**
 * The non-dominated points, sorted by x ascending (so y descending), ready to draw. Exact duplicates of a
 * front point are all kept: neither dominates the other. Throws on a non-finite coordinate, since a front
 * silently computed without some rows would be wrong; callers drop unscored rows first.
 */
export function paretoFront<T extends XY>(points: readonly T[]): T[] {
  points.forEach((p, i) => {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) {
      throw new Error(`paretoFront needs finite coordinates (point ${i} is (${p.x}, ${p.y})).`);
    }
  });
  // Ties in both coordinates fall back to reverse input order, so the reversed result keeps input order.
  const order = points.map((p, i) => ({ p, i })).sort((a, b) => b.p.x - a.p.x || b.p.y - a.p.y || b.i - a.i);
  const front: T[] = [];
  let bestY = -Infinity;
  let bestYAtX = Infinity;
  for (const { p } of order) {
    // Everything seen so far has x ≥ p.x; p survives if nothing seen has a higher y, or an equal y at a higher x.
    if (p.y > bestY) {
      bestY = p.y;
      bestYAtX = p.x;
      front.push(p);
    } else if (p.y === bestY && p.x === bestYAtX) {
      front.push(p);
    }
  }
  return front.reverse();
}
