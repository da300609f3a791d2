/**
 * Points that sit on top of each other at the current zoom, gathered into groups so the chart can say "3 here"
 * instead of hiding two models under a third. Deterministic (no jitter): points are visited in a fixed order
 * (screen y, screen x, slug) and each joins the nearest group leader within GROUP_DISTANCE screen pixels, or
 * leads a new group. Leaders, not members, attract, so a dense cloud does not chain into one giant group.
 * A grid of GROUP_DISTANCE-sized cells makes it O(n) (10,000 points in a few milliseconds).
 */
import type { PlacedPoint } from "@/lib/charts/scatter-model";
import type { ZoomState } from "@/lib/charts/zoom";

/** Screen pixels: closer than this, two marks of radius 4.5 mostly hide each other. */
export const GROUP_DISTANCE = 4;

export type PointGroup = {
  /** Stable id: the slug of the group's leader. */
  key: string;
  /** Sorted by name, then slug. */
  members: PlacedPoint[];
  /** Base pixels (before zoom) of the members' centroid. */
  px: number;
  py: number;
};

/** Every group of two or more points, and each grouped point's group by slug. */
export type PointGroups = { groups: PointGroup[]; bySlug: ReadonlyMap<string, PointGroup> };

export const NO_GROUPS: PointGroups = { groups: [], bySlug: new Map() };

export function groupPoints(points: readonly PlacedPoint[], zoom: ZoomState, distance = GROUP_DISTANCE): PointGroups {
  const screen = points.map((p) => ({ p, sx: zoom.k * p.px + zoom.x, sy: zoom.k * p.py + zoom.y }));
  screen.sort((a, b) => a.sy - b.sy || a.sx - b.sx || (a.p.slug < b.p.slug ? -1 : a.p.slug > b.p.slug ? 1 : 0));
  type Leader = { sx: number; sy: number; members: PlacedPoint[] };
  const cells = new Map<string, Leader[]>();
  const leaders: Leader[] = [];
  const cellOf = (v: number) => Math.floor(v / distance);
  for (const s of screen) {
    const cx = cellOf(s.sx);
    const cy = cellOf(s.sy);
    let best: Leader | null = null;
    let bestD = Infinity;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        for (const l of cells.get(`${cx + dx},${cy + dy}`) ?? []) {
          const d = Math.hypot(l.sx - s.sx, l.sy - s.sy);
          if (d <= distance && d < bestD) [best, bestD] = [l, d];
        }
      }
    }
    if (best) best.members.push(s.p);
    else {
      const leader = { sx: s.sx, sy: s.sy, members: [s.p] };
      leaders.push(leader);
      const key = `${cx},${cy}`;
      cells.set(key, [...(cells.get(key) ?? []), leader]);
    }
  }
  const groups: PointGroup[] = [];
  const bySlug = new Map<string, PointGroup>();
  for (const l of leaders) {
    if (l.members.length < 2) continue;
    const members = [...l.members].sort((a, b) => a.name.localeCompare(b.name, "en") || (a.slug < b.slug ? -1 : 1));
    const group: PointGroup = {
      key: l.members[0].slug,
      members,
      px: members.reduce((s, p) => s + p.px, 0) / members.length,
      py: members.reduce((s, p) => s + p.py, 0) / members.length,
    };
    groups.push(group);
    for (const m of members) bySlug.set(m.slug, group);
  }
  return { groups, bySlug };
}
