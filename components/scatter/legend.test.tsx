import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { prepareScatter, type Frame } from "@/lib/charts/scatter-model";
import { FIXTURE_POINTS, FIXTURE_REFERENCE } from "./fixtures/scatter-data";
import { estimateTextWidth, LEGEND_ITEMS, layoutLegend, legendItems, type Measure } from "./legend";
import { ScatterSvg } from "./scatter-svg";

const frame = (width: number): Frame => ({
  width,
  height: Math.round(Math.max(300, Math.min(480, width * 0.62))),
  margin: { top: 16, right: width < 520 ? 12 : 24, bottom: 52, left: width < 520 ? 58 : 64 },
});

const MEASURES: [string, Measure][] = [
  ["estimated", estimateTextWidth],
  ["wide font (8.5 px a character)", (t) => [...t].length * 8.5],
  ["narrow font (5 px a character)", (t) => [...t].length * 5],
];

type Box = { label: string; left: number; right: number; top: number; bottom: number };

/** The legend's item boxes as exported: read from the rendered SVG, text extents from `measure`. */
function exportedLegendBoxes(width: number, measure: Measure): { boxes: Box[]; legendHeight: number; f: Frame } {
  const f = frame(width);
  const model = prepareScatter(FIXTURE_POINTS, FIXTURE_REFERENCE, 1, f);
  const svg = renderToStaticMarkup(
    <ScatterSvg model={model} title="t" description="d" xLabel="x" yLabel="y" pointMode="links" measureLegend={measure} />,
  );
  const legend = svg.slice(svg.indexOf('class="scatter-svg-legend"'));
  const boxes = [...legend.matchAll(/<text x="([\d.]+)" y="([\d.]+)">(.*?)<\/text>/g)].map((m) => {
    const lines = [...m[3].matchAll(/<tspan[^>]*>(.*?)<\/tspan>/g)].map((t) => t[1]);
    const x = Number(m[1]);
    const y = Number(m[2]);
    return {
      label: lines.join(" "),
      left: x - 22, // the swatch column
      right: x + Math.max(...lines.map(measure)),
      top: y - 11,
      bottom: y + (lines.length - 1) * 14 + 3,
    };
  });
  return { boxes, legendHeight: Number(/data-legend-height="(\d+)"/.exec(svg)![1]), f };
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe("exported legend", () => {
  for (const width of [300, 360, 520, 720, 960]) {
    for (const [name, measure] of MEASURES) {
      it(`spaces every item apart and inside the export at ${width} px, ${name}`, () => {
        const { boxes, legendHeight, f } = exportedLegendBoxes(width, measure);
        expect(boxes.map((b) => b.label)).toEqual(LEGEND_ITEMS.filter((i) => !i.needs || i.needs !== "groups").map((i) => i.label));
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++)
            expect(overlaps(boxes[i], boxes[j]), `${boxes[i].label} / ${boxes[j].label}`).toBe(false);
          expect(boxes[i].left).toBeGreaterThanOrEqual(0);
          expect(boxes[i].right).toBeLessThanOrEqual(f.width);
          expect(boxes[i].bottom).toBeLessThanOrEqual(f.height + legendHeight);
        }
      });
    }
  }

  it("wraps a label wider than the chart instead of running past its edge", () => {
    const f = frame(300);
    const { items } = layoutLegend(legendItems(), f, (t) => [...t].length * 8.5);
    const reference = items.find((p) => p.item.label.startsWith("Paper reference"))!;
    expect(reference.lines.length).toBeGreaterThan(1);
    expect(reference.lines.join(" ")).toBe(reference.item.label);
  });

  it("lists only what the chart shows", () => {
    const labels = (ctx: Parameters<typeof legendItems>[0]) => legendItems(ctx).map((i) => i.label);
    expect(labels({ reference: false, ceiling: false, groups: false })).toEqual([
      "Model",
      "Trained on human maps",
      "Demo data (hollow, not measured)",
      "Pareto front",
    ]);
    expect(labels({ layers: new Set(["pareto"]), ceiling: true })).toEqual(["Pareto front", "Human ceiling"]);
    expect(labels({ groups: true })).toContain("Overlapping models (count)");
  });

  it("estimates no narrower than DejaVu Sans, the widest common sans-serif (its advances at 11 px)", () => {
    // DejaVu Sans advance widths in em: a .613, e .615, g .635, i .278, l .278, m .974, n .634, t .392, u .634, c .550, H .752, space .318
    expect(estimateTextWidth("alignment")).toBeGreaterThanOrEqual(5.053 * 11);
    expect(estimateTextWidth("Human ceiling")).toBeGreaterThanOrEqual(7.193 * 11);
  });
});
