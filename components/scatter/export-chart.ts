/**
 * SVG and PNG export of the chart as the user sees it (zoom, toggled layers), with the legend shown and the
 * points written as SVG paths even when the screen draws them on a canvas.
 */
import { markPath, POINT_RADIUS, pointStyle, styleKey } from "@/lib/charts/marks";
import type { PlacedPoint } from "@/lib/charts/scatter-model";
import { applyZoom, type ZoomState } from "@/lib/charts/zoom";
import { estimateTextWidth, LEGEND_FONT, LEGEND_FONT_SIZE, type Measure } from "./legend";
import type { LayerId, Layers } from "./view-state";

const SVG_NS = "http://www.w3.org/2000/svg";

export type ExportOptions = { layers: Layers; points: readonly PlacedPoint[]; zoom: ZoomState };

/** What each hidden layer takes out of the export (the legend already lists only the shown layers). */
const LAYER_SELECTORS: Record<LayerId, string> = {
  models: ".scatter-points-layer, .scatter-groups-layer",
  pareto: ".pareto-front",
  reference: ".ref-layer, .ref-arrows",
  arrows: ".ref-arrows",
};

export function chartToSvgString(svg: SVGSVGElement, opts: ExportOptions): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.querySelectorAll(".scatter-overlay, .scatter-hit, .focus-ring").forEach((n) => n.remove());
  clone.querySelectorAll("[tabindex]").forEach((n) => n.removeAttribute("tabindex"));
  for (const [layer, selector] of Object.entries(LAYER_SELECTORS)) {
    if (!opts.layers.has(layer as LayerId)) clone.querySelectorAll(selector).forEach((n) => n.remove());
  }
  const plot = clone.querySelector(".scatter-plot");
  if (plot && opts.layers.has("models") && !plot.querySelector("[data-export-points]")) {
    const batches = new Map<string, { fill: string; stroke: string; d: string[] }>();
    for (const p of opts.points) {
      const s = pointStyle(p);
      const [x, y] = applyZoom(opts.zoom, p.px, p.py);
      const b = batches.get(styleKey(s)) ?? { fill: s.hollow ? "none" : s.colour, stroke: s.colour, d: [] };
      b.d.push(markPath(s.shape, x, y, POINT_RADIUS));
      batches.set(styleKey(s), b);
    }
    const g = document.createElementNS(SVG_NS, "g");
    g.setAttribute("data-export-points", "");
    for (const b of batches.values()) {
      const path = document.createElementNS(SVG_NS, "path");
      path.setAttribute("d", b.d.join(""));
      path.setAttribute("fill", b.fill);
      path.setAttribute("fill-opacity", "0.85");
      path.setAttribute("stroke", b.stroke);
      path.setAttribute("stroke-width", "1.5");
      g.appendChild(path);
    }
    plot.insertBefore(g, plot.querySelector(".scatter-points-layer"));
  }
  const width = Number(svg.getAttribute("width"));
  const height = Number(svg.getAttribute("height")) + Number(svg.dataset.legendHeight ?? 0);
  clone.setAttribute("viewBox", `0 0 ${width} ${height}`);
  clone.setAttribute("height", String(height));
  clone.setAttribute("style", "color:#1a1a1a;background:#ffffff");
  const bg = document.createElementNS(SVG_NS, "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", "#ffffff");
  clone.insertBefore(bg, clone.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

/**
 * Legend label widths as this browser draws them (the PNG is rasterised with the same fonts), 10% wider for an
 * SVG opened where a different sans-serif stands in; the server's estimate where no 2D canvas is available.
 */
export function browserTextMeasure(): Measure | undefined {
  const ctx = document.createElement("canvas").getContext("2d");
  if (!ctx) return undefined;
  ctx.font = `${LEGEND_FONT_SIZE}px ${LEGEND_FONT}`;
  const cache = new Map<string, number>();
  return (text) => {
    let w = cache.get(text);
    if (w === undefined) {
      const measured = ctx.measureText(text).width;
      w = measured > 0 ? measured * 1.1 : estimateTextWidth(text);
      cache.set(text, w);
    }
    return w;
  };
}

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Rasterises the SVG string at `scale`× through an <img>, which needs no network and no fonts beyond the system's. */
export async function svgStringToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.decoding = "sync";
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("The browser could not rasterise the chart."));
      img.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("No 2D canvas available for PNG export.");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed."))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
