/** Signed distance (pixels, negative inside) from a point to each synthetic shape of "radius" r centred at 0. */
import type { ShapeKind } from "./classes";

/** Math.hypot is several times slower in V8 and this runs per pixel. */
const len = (x: number, y: number): number => Math.sqrt(x * x + y * y);

function box(x: number, y: number, hx: number, hy: number): number {
  const dx = Math.abs(x) - hx;
  const dy = Math.abs(y) - hy;
  return len(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0);
}

/** Equilateral triangle with circumradius r, pointing up (y grows downwards in images). */
function triangle(x: number, y: number, r: number): number {
  const k = Math.sqrt(3);
  const s = r * k * 0.5; // half side
  let px = Math.abs(x);
  let py = -y + r * 0.25; // centre the triangle's bounding box vertically
  px -= s;
  py += s / k;
  if (px + k * py > 0) {
    const nx = (px - k * py) / 2;
    const ny = (-k * px - py) / 2;
    px = nx;
    py = ny;
  }
  px -= Math.min(Math.max(px, -2 * s), 0);
  return -len(px, py) * Math.sign(py);
}

export function shapeDistance(shape: ShapeKind, x: number, y: number, r: number): number {
  switch (shape) {
    case "disc":
      return len(x, y) - r;
    case "square":
      return box(x, y, r * 0.8, r * 0.8);
    case "triangle":
      return triangle(x, y, r * 1.2); // a triangle fills less of its circle than the other shapes
    case "cross":
      return Math.min(box(x, y, r, r * 0.3), box(x, y, r * 0.3, r));
    case "ring":
      return Math.abs(len(x, y) - r * 0.72) - r * 0.28;
  }
}
