/**
 * Scatter points in columns for the trip from server to browser: at 10,000 points, repeating every key per
 * object roughly doubles the page payload. Numbers are rounded to 5 decimals (0.001 percentage points).
 */
import type { ScatterPointInput } from "./scatter-model";

export type PackedPoints = {
  slug: string[];
  name: string[];
  families: string[];
  family: number[];
  top1: number[];
  alignment: number[];
  /** [lo, hi] pairs flattened; null bounds where a point has no interval. */
  top1Ci: (number | null)[];
  alignmentCi: (number | null)[];
  /** Bit 1: demo data; bit 2: trained on human maps. */
  flags: number[];
};

const round = (v: number) => Math.round(v * 1e5) / 1e5;
const FLAG_DEMO = 1;
const FLAG_HUMAN = 2;

export function packPoints(points: readonly (ScatterPointInput & { top1: number; alignment: number })[]): PackedPoints {
  const families = [...new Set(points.map((p) => p.family))].sort();
  const index = new Map(families.map((f, i) => [f, i]));
  const ci = (c: [number, number] | null) => (c ? [round(c[0]), round(c[1])] : [null, null]);
  return {
    slug: points.map((p) => p.slug),
    name: points.map((p) => p.name),
    families,
    family: points.map((p) => index.get(p.family)!),
    top1: points.map((p) => round(p.top1)),
    alignment: points.map((p) => round(p.alignment)),
    top1Ci: points.flatMap((p) => ci(p.top1Ci)),
    alignmentCi: points.flatMap((p) => ci(p.alignmentCi)),
    flags: points.map((p) => (p.isDemo ? FLAG_DEMO : 0) | (p.humanData ? FLAG_HUMAN : 0)),
  };
}

export function unpackPoints(packed: PackedPoints): ScatterPointInput[] {
  const ci = (arr: (number | null)[], i: number): [number, number] | null => {
    const lo = arr[2 * i];
    const hi = arr[2 * i + 1];
    return lo === null || hi === null ? null : [lo, hi];
  };
  return packed.slug.map((slug, i) => ({
    slug,
    name: packed.name[i],
    family: packed.families[packed.family[i]],
    top1: packed.top1[i],
    alignment: packed.alignment[i],
    top1Ci: ci(packed.top1Ci, i),
    alignmentCi: ci(packed.alignmentCi, i),
    isDemo: (packed.flags[i] & FLAG_DEMO) !== 0,
    humanData: (packed.flags[i] & FLAG_HUMAN) !== 0,
  }));
}
