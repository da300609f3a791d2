/** A d3-zoom transform as plain numbers (screen = k · base + t), usable on the server without d3-zoom. */
import type { ScaleLinear } from "d3";

export type ZoomState = { k: number; x: number; y: number };
export const IDENTITY_ZOOM: ZoomState = { k: 1, x: 0, y: 0 };

/** The scale whose range maps the zoomed view: the same as d3-zoom's transform.rescaleX / rescaleY. */
export function rescale(scale: ScaleLinear<number, number>, t: ZoomState, axis: "x" | "y"): ScaleLinear<number, number> {
  const shift = axis === "x" ? t.x : t.y;
  return scale.copy().domain(scale.range().map((r) => scale.invert((r - shift) / t.k)));
}

/** Base pixel → screen pixel. */
export function applyZoom(t: ZoomState, px: number, py: number): [number, number] {
  return [t.k * px + t.x, t.k * py + t.y];
}

/** The transform that takes marks drawn at `from` to where `to` puts them (for moving a cached layer). */
export function relativeZoom(from: ZoomState, to: ZoomState): ZoomState {
  const k = to.k / from.k;
  return { k, x: to.x - k * from.x, y: to.y - k * from.y };
}
