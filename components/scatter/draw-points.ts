/** Canvas drawing of the model points at the current zoom: one fill/stroke per style, so 10,000 points stay cheap. */
import { markVertices, POINT_RADIUS, pointStyle, styleKey, type MarkStyle } from "@/lib/charts/marks";
import type { PlacedPoint } from "@/lib/charts/scatter-model";
import type { ZoomState } from "@/lib/charts/zoom";

export function drawPoints(
  canvas: HTMLCanvasElement,
  points: readonly PlacedPoint[],
  zoom: ZoomState,
  width: number,
  height: number,
): void {
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const batches = new Map<string, { style: MarkStyle; items: PlacedPoint[] }>();
  for (const p of points) {
    const style = pointStyle(p);
    const key = styleKey(style);
    const batch = batches.get(key);
    if (batch) batch.items.push(p);
    else batches.set(key, { style, items: [p] });
  }
  const r = POINT_RADIUS;
  const pad = r * 2;
  ctx.lineWidth = 1.5;
  for (const { style, items } of batches.values()) {
    ctx.beginPath();
    for (const p of items) {
      const x = zoom.k * p.px + zoom.x;
      const y = zoom.k * p.py + zoom.y;
      if (x < -pad || y < -pad || x > width + pad || y > height + pad) continue;
      if (style.shape === "circle") {
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, 2 * Math.PI);
      } else {
        const [first, ...rest] = markVertices(style.shape, x, y, r);
        ctx.moveTo(first[0], first[1]);
        for (const [vx, vy] of rest) ctx.lineTo(vx, vy);
        ctx.closePath();
      }
    }
    ctx.strokeStyle = style.colour;
    if (!style.hollow) {
      ctx.globalAlpha = 0.85;
      ctx.fillStyle = style.colour;
      ctx.fill();
      ctx.globalAlpha = 1;
    }
    ctx.stroke();
  }
}
