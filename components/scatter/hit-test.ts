/**
 * What is under the pointer: a paper reference point (drawn on top), else the nearest model point or the group
 * it is in, within HIT_RADIUS screen pixels. Layers that are switched off are not hit.
 */
import type { Delaunay } from "d3";
import type { PlacedPoint, ScatterModel } from "@/lib/charts/scatter-model";
import type { ZoomState } from "@/lib/charts/zoom";
import type { HoverTarget } from "./hover-card";
import type { PointGroups } from "./point-groups";
import type { Layers } from "./view-state";

export const HIT_RADIUS = 10;

export type Hit = { target: HoverTarget; x: number; y: number };

export function hitTest(
  model: ScatterModel,
  delaunay: Delaunay<unknown>,
  groups: PointGroups,
  layers: Layers,
  t: ZoomState,
  mx: number,
  my: number,
): Hit | null {
  if (layers.has("reference")) {
    let best: Hit | null = null;
    let bestD = HIT_RADIUS;
    for (const r of model.reference) {
      const [x, y] = [t.k * r.px + t.x, t.k * r.py + t.y];
      const d = Math.hypot(x - mx, y - my);
      if (d <= bestD) [best, bestD] = [{ target: { kind: "reference", reference: r }, x, y }, d];
    }
    if (best) return best;
  }
  if (!layers.has("models")) return null;
  const p = model.points[delaunay.find((mx - t.x) / t.k, (my - t.y) / t.k)];
  if (!p || Math.hypot(t.k * p.px + t.x - mx, t.k * p.py + t.y - my) > HIT_RADIUS) return null;
  return targetOf(p, groups, t);
}

/** The card target of a model point: its group when it is in one (placed at the group's centroid). */
export function targetOf(p: PlacedPoint, groups: PointGroups, t: ZoomState, focused = false): Hit {
  const group = groups.bySlug.get(p.slug);
  if (!group) return { target: { kind: "point", point: p }, x: t.k * p.px + t.x, y: t.k * p.py + t.y };
  return { target: { kind: "group", group, active: focused ? p.slug : undefined }, x: t.k * group.px + t.x, y: t.k * group.py + t.y };
}
