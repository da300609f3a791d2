/**
 * Everything the accuracy × alignment scatter needs, computed once per data set with d3 (O(n log n)); the
 * renderers (server SVG, client canvas) only map the prepared base pixels through the current zoom.
 */
import { extent, scaleLinear, type ScaleLinear } from "d3";
import { paretoFront } from "./pareto";
import { pairReferenceArrows, type ReferenceArrow, type ReferencePointInput } from "./arrows";

/** Structurally the same as the query layer's ScatterPoint; values are fractions (alignment 1 = human ceiling). */
export type ScatterPointInput = {
  slug: string;
  name: string;
  family: string;
  top1: number | null;
  alignment: number | null;
  alignmentCi: [number, number] | null;
  top1Ci: [number, number] | null;
  isDemo: boolean;
  humanData: boolean;
};

export type PlacedPoint = ScatterPointInput & { top1: number; alignment: number; px: number; py: number; onFront: boolean };
export type PlacedReference = ReferencePointInput & { x: number; y: number; px: number; py: number };

export type Frame = { width: number; height: number; margin: { top: number; right: number; bottom: number; left: number } };

export const DEFAULT_FRAME: Frame = { width: 720, height: 460, margin: { top: 20, right: 24, bottom: 52, left: 64 } };

export type ScatterModel = {
  frame: Frame;
  /** Plot area size inside the margins. */
  inner: { width: number; height: number };
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  points: PlacedPoint[];
  /** Rows without both numbers: counted and said, never drawn at a made-up position. */
  unplotted: number;
  front: PlacedPoint[];
  reference: PlacedReference[];
  arrows: ReferenceArrow<PlacedReference>[];
  ceiling: number | null;
};

function paddedDomain(values: number[], floor: number | null, ceil: number | null): [number, number] {
  const [lo, hi] = extent(values) as [number | undefined, number | undefined];
  if (lo === undefined || hi === undefined) return [floor ?? 0, ceil ?? 1];
  const pad = Math.max((hi - lo) * 0.06, 0.02);
  const a = floor === null ? lo - pad : Math.max(floor, lo - pad);
  const b = ceil === null ? hi + pad : Math.min(ceil, hi + pad);
  return [a, b];
}

export function prepareScatter(
  data: readonly ScatterPointInput[],
  referenceData: readonly ReferencePointInput[],
  ceilingLine: number | null,
  frame: Frame = DEFAULT_FRAME,
): ScatterModel {
  const inner = {
    width: frame.width - frame.margin.left - frame.margin.right,
    height: frame.height - frame.margin.top - frame.margin.bottom,
  };
  const scored = data.filter(
    (p): p is ScatterPointInput & { top1: number; alignment: number } =>
      p.top1 !== null && p.alignment !== null && Number.isFinite(p.top1) && Number.isFinite(p.alignment),
  );
  const refs = referenceData.map((r) => ({ ...r, x: r.top1Pct / 100, y: r.alignmentPct / 100 }));
  const xs = [...scored.map((p) => p.top1), ...refs.map((r) => r.x)];
  const ys = [...scored.map((p) => p.alignment), ...refs.map((r) => r.y)];
  if (ceilingLine !== null) ys.push(ceilingLine);
  const x = scaleLinear()
    .domain(paddedDomain(xs, 0, 1))
    .range([0, inner.width])
    .nice();
  const y = scaleLinear()
    .domain(paddedDomain(ys, null, null))
    .range([inner.height, 0])
    .nice();

  const frontSet = new Set(paretoFront(scored.map((p, i) => ({ x: p.top1, y: p.alignment, i }))).map((f) => f.i));
  const points = scored.map((p, i) => ({ ...p, px: x(p.top1), py: y(p.alignment), onFront: frontSet.has(i) }));
  const front = points.filter((p) => p.onFront).sort((a, b) => a.top1 - b.top1 || b.alignment - a.alignment);
  const reference = refs.map((r) => ({ ...r, px: x(r.x), py: y(r.y) }));
  return {
    frame,
    inner,
    x,
    y,
    points,
    front,
    reference,
    unplotted: data.length - scored.length,
    arrows: pairReferenceArrows(reference),
    ceiling: ceilingLine,
  };
}
