/**
 * The scatter's legend twice: as HTML beside the chart (readable at any width, read by screen readers) and as
 * SVG below the chart's view box, off screen, which exports reveal by growing the view box.
 */
import { markPath, POINT_RADIUS, REFERENCE_RADIUS, type MarkShape } from "@/lib/charts/marks";
import { SCATTER_COLOURS } from "@/lib/charts/palette";
import type { Frame } from "@/lib/charts/scatter-model";

type Item = { label: string; shape?: MarkShape; colour: string; hollow?: boolean; line?: "solid" | "dashed" };

export const LEGEND_ITEMS: Item[] = [
  { label: "Model", shape: "circle", colour: SCATTER_COLOURS.standard },
  { label: "Trained on human maps", shape: "triangle", colour: SCATTER_COLOURS.humanData },
  { label: "Demo data (hollow, not measured)", shape: "circle", colour: SCATTER_COLOURS.standard, hollow: true },
  { label: "Pareto front", colour: "currentColor", line: "solid" },
  { label: "Paper reference (approx.): ◇ baseline → ◆ harmonized", shape: "diamond", colour: SCATTER_COLOURS.reference },
  { label: "Human ceiling", colour: SCATTER_COLOURS.ceiling, line: "dashed" },
];

export const SVG_LEGEND_HEIGHT = 44;

function Swatch({ item, x, y }: { item: Item; x: number; y: number }) {
  if (item.line) {
    return (
      <line
        x1={x - 8}
        x2={x + 8}
        y1={y}
        y2={y}
        stroke={item.colour}
        strokeWidth={1.5}
        strokeDasharray={item.line === "dashed" ? "4 3" : undefined}
      />
    );
  }
  const r = item.shape === "diamond" ? REFERENCE_RADIUS : POINT_RADIUS;
  return <path d={markPath(item.shape!, x, y, r)} fill={item.hollow ? "none" : item.colour} stroke={item.colour} strokeWidth={1.5} />;
}

/** Places the legend items left to right, wrapping to a new row when the next one would not fit. */
function placeItems(frame: Frame): { item: Item; x: number; y: number }[] {
  let x = frame.margin.left;
  let row = 0;
  return LEGEND_ITEMS.map((item) => {
    const w = 26 + item.label.length * 6.1;
    if (x + w > frame.width && x > frame.margin.left) {
      x = frame.margin.left;
      row += 1;
    }
    const at = { item, x, y: frame.height + 14 + row * 18 };
    x += w;
    return at;
  });
}

export function SvgLegend({ frame }: { frame: Frame }) {
  return (
    <g className="scatter-svg-legend" fontSize={11} fill="currentColor" aria-hidden="true">
      {placeItems(frame).map(({ item, x: ix, y }) => (
        <g key={item.label}>
          <Swatch item={item} x={ix + 8} y={y} />
          <text x={ix + 22} y={y + 4}>
            {item.label}
          </text>
        </g>
      ))}
    </g>
  );
}

export function HtmlLegend() {
  return (
    <ul className="chart-legend" aria-label="Legend">
      {LEGEND_ITEMS.map((item) => (
        <li key={item.label}>
          <svg width={18} height={14} viewBox="-9 -7 18 14" aria-hidden="true">
            <Swatch item={item} x={0} y={0} />
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
