import { scaleLinear, zoomIdentity } from "d3";
import { describe, expect, it } from "vitest";
import { applyZoom, relativeZoom, rescale } from "./zoom";

describe("zoom helpers", () => {
  const t = { k: 2.5, x: -40, y: 12 };
  const d3t = zoomIdentity.translate(t.x, t.y).scale(t.k);
  const x = scaleLinear().domain([0.4, 0.9]).range([0, 600]);
  const y = scaleLinear().domain([-0.2, 1.2]).range([400, 0]);

  it("rescales exactly as d3-zoom's rescaleX / rescaleY", () => {
    expect(rescale(x, t, "x").domain()).toEqual(d3t.rescaleX(x).domain());
    expect(rescale(y, t, "y").domain()).toEqual(d3t.rescaleY(y).domain());
  });

  it("maps base pixels as d3-zoom's apply", () => {
    expect(applyZoom(t, 100, 50)).toEqual(d3t.apply([100, 50]));
  });

  it("composes a relative transform: relative ∘ from = to", () => {
    const from = { k: 1.5, x: 10, y: -5 };
    const r = relativeZoom(from, t);
    const [fx, fy] = applyZoom(from, 33, 44);
    const [ex, ey] = applyZoom(t, 33, 44);
    const [gx, gy] = applyZoom(r, fx, fy);
    expect(gx).toBeCloseTo(ex, 10);
    expect(gy).toBeCloseTo(ey, 10);
  });
});
