import { paretoFront } from "./pareto";

/**
 * The points a page embeds in its HTML: the whole Pareto front (computed over ALL points, so the server-rendered
 * front is right) plus the best-ranked others up to `limit`. The browser fetches the rest; a 10,000-model board
 * then stays a small first page. Input order (best-ranked first) is kept.
 */
export function selectEmbeddedPoints<T extends { top1: number; alignment: number }>(points: readonly T[], limit: number): T[] {
  if (points.length <= limit) return [...points];
  const front = new Set(paretoFront(points.map((p, i) => ({ x: p.top1, y: p.alignment, i }))).map((p) => p.i));
  const room = Math.max(0, limit - front.size);
  const chosen: T[] = [];
  let others = 0;
  points.forEach((p, i) => {
    if (front.has(i)) chosen.push(p);
    else if (others < room) {
      chosen.push(p);
      others++;
    }
  });
  return chosen;
}
