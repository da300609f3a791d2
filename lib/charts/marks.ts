/**
 * Mark shapes shared by the SVG renderer (path strings) and the canvas renderer (the same geometry), so a
 * point looks identical with and without JavaScript. Shape doubles colour: triangle = trained on human maps.
 */
import { SCATTER_COLOURS } from "./palette";

export type MarkShape = "circle" | "triangle" | "diamond";
export type MarkStyle = { shape: MarkShape; colour: string; hollow: boolean };

export const POINT_RADIUS = 4.5;
export const REFERENCE_RADIUS = 5.5;

export function pointStyle(p: { humanData: boolean; isDemo: boolean }): MarkStyle {
  return {
    shape: p.humanData ? "triangle" : "circle",
    colour: p.humanData ? SCATTER_COLOURS.humanData : SCATTER_COLOURS.standard,
    hollow: p.isDemo,
  };
}

/** Stable key of a style, to batch marks of one style into one path (SVG) or one fill (canvas). */
export function styleKey(s: MarkStyle): string {
  return `${s.shape}:${s.colour}:${s.hollow ? "hollow" : "filled"}`;
}

const r2 = (n: number) => Math.round(n * 100) / 100;

/** Vertices of the polygon shapes around (x, y); circles have none. Triangles have the area of the circle. */
export function markVertices(shape: MarkShape, x: number, y: number, r: number): [number, number][] {
  if (shape === "triangle") {
    const s = r * 1.35;
    return [
      [x, y - s],
      [x + s * 0.866, y + s * 0.5],
      [x - s * 0.866, y + s * 0.5],
    ];
  }
  if (shape === "diamond")
    return [
      [x, y - r],
      [x + r, y],
      [x, y + r],
      [x - r, y],
    ];
  return [];
}

/** SVG path data of one mark; concatenated paths draw many marks as one element. */
export function markPath(shape: MarkShape, x: number, y: number, r: number): string {
  if (shape === "circle") {
    return `M${r2(x - r)},${r2(y)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
  }
  const [first, ...rest] = markVertices(shape, x, y, r);
  return `M${r2(first[0])},${r2(first[1])}${rest.map(([vx, vy]) => `L${r2(vx)},${r2(vy)}`).join("")}Z`;
}
