/**
 * The scatter's legend twice: as HTML beside the chart (readable at any width, read by screen readers) and as
 * SVG below the chart's view box, off screen, which exports reveal by growing the view box. The SVG legend is
 * laid out from label widths (measured in the browser, estimated on the server) so that no two labels overlap
 * at any chart width; a label wider than the row wraps onto more lines.
 */
import { markPath, POINT_RADIUS, REFERENCE_RADIUS, type MarkShape } from "@/lib/charts/marks";
import { SCATTER_COLOURS } from "@/lib/charts/palette";
import type { Frame } from "@/lib/charts/scatter-model";
import { ALL_LAYERS, type LayerId, type Layers } from "./view-state";
import { GroupBadge } from "./group-badge";

export type LegendItem = {
  label: string;
  shape?: MarkShape;
  colour: string;
  hollow?: boolean;
  line?: "solid" | "dashed";
  badge?: boolean;
  /** The layer the item describes; hidden with it. */
  layer?: LayerId;
  /** Shown only when the chart has this. */
  needs?: "reference" | "ceiling" | "groups";
};

export const LEGEND_ITEMS: LegendItem[] = [
  { label: "Model", shape: "circle", colour: SCATTER_COLOURS.standard, layer: "models" },
  { label: "Trained on human maps", shape: "triangle", colour: SCATTER_COLOURS.humanData, layer: "models" },
  { label: "Demo data (hollow, not measured)", shape: "circle", colour: SCATTER_COLOURS.standard, hollow: true, layer: "models" },
  { label: "Overlapping models (count)", colour: "currentColor", badge: true, layer: "models", needs: "groups" },
  { label: "Pareto front", colour: "currentColor", line: "solid", layer: "pareto" },
  {
    label: "Paper reference (approx.): ◇ baseline → ◆ harmonized",
    shape: "diamond",
    colour: SCATTER_COLOURS.reference,
    layer: "reference",
    needs: "reference",
  },
  { label: "Human ceiling", colour: SCATTER_COLOURS.ceiling, line: "dashed", needs: "ceiling" },
];

export type LegendContext = { layers?: Layers; reference?: boolean; ceiling?: boolean; groups?: boolean };

/** The items that describe what the chart shows. Without a context: every item (the HTML legend's default). */
export function legendItems(ctx: LegendContext = {}): LegendItem[] {
  const layers = ctx.layers ?? ALL_LAYERS;
  return LEGEND_ITEMS.filter((item) => (!item.layer || layers.has(item.layer)) && (!item.needs || ctx[item.needs] !== false));
}

export const LEGEND_FONT_SIZE = 11;
export const LEGEND_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
/** Swatch column, gap between items, line height, first baseline below the chart, padding under the last line. */
const SWATCH = 22;
const GAP = 18;
const LINE = 14;
const ROW_GAP = 4;
const TOP = 14;
const BOTTOM = 12;

/**
 * Width in pixels of `text` at the legend's font size, from per-character advances a little wider than the
 * common sans-serif fonts' (DejaVu Sans, the widest of them, included), so estimated labels never collide.
 */
export function estimateTextWidth(text: string, fontSize = LEGEND_FONT_SIZE): number {
  let em = 0;
  for (const ch of text) {
    if (/[iljtf.,:;'|!()[\] ]/.test(ch)) em += 0.36;
    else if (/[mwMW]/.test(ch)) em += 0.98;
    else if (/[A-Z]/.test(ch)) em += 0.76;
    else if (/[a-z0-9?&%-]/.test(ch)) em += 0.64;
    else em += 1.0; // symbols (◇ → ◆) come from whichever font has them
  }
  return em * fontSize;
}

export type Measure = (text: string) => number;
export type PlacedLegendItem = { item: LegendItem; x: number; y: number; lines: string[]; width: number; height: number };
export type LegendLayout = { items: PlacedLegendItem[]; height: number };

/** Greedy word wrap of `label` to lines no wider than `max` (a single word wider than `max` keeps its own line). */
function wrap(label: string, max: number, measure: Measure): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next) > max) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  return [...lines, line];
}

/**
 * Places the items left to right from the plot's left edge, wrapping to a new row when the next one would not
 * fit before the frame's right edge. `y` is the first line's baseline; `x` the item's left edge (swatch first).
 */
export function layoutLegend(items: readonly LegendItem[], frame: Frame, measure: Measure = estimateTextWidth): LegendLayout {
  const left = frame.margin.left;
  const right = frame.width - 8;
  const maxText = right - left - SWATCH;
  let x = left;
  let rowTop = frame.height + TOP;
  let rowHeight = 0;
  const placed: PlacedLegendItem[] = [];
  for (const item of items) {
    const lines = measure(item.label) > maxText ? wrap(item.label, maxText, measure) : [item.label];
    const width = SWATCH + Math.max(...lines.map((l) => measure(l)));
    const height = lines.length * LINE;
    if (x > left && x + width > right) {
      x = left;
      rowTop += rowHeight + ROW_GAP;
      rowHeight = 0;
    }
    placed.push({ item, x: Math.round(x * 100) / 100, y: rowTop, lines, width, height });
    x += width + GAP;
    rowHeight = Math.max(rowHeight, height);
  }
  const bottom = placed.length === 0 ? frame.height : rowTop + rowHeight - LINE + BOTTOM;
  return { items: placed, height: Math.ceil(bottom - frame.height) };
}

function Swatch({ item, x, y }: { item: LegendItem; x: number; y: number }) {
  if (item.badge) return <GroupBadge x={x - 6} y={y} count={3} />;
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

export function SvgLegend({ layout }: { layout: LegendLayout }) {
  return (
    <g className="scatter-svg-legend" fontSize={LEGEND_FONT_SIZE} fill="currentColor" aria-hidden="true">
      {layout.items.map(({ item, x, y, lines }) => (
        <g key={item.label}>
          <Swatch item={item} x={x + 8} y={y - 4} />
          <text x={x + SWATCH} y={y}>
            {lines.map((l, i) => (
              <tspan key={i} x={x + SWATCH} dy={i === 0 ? 0 : LINE}>
                {l}
              </tspan>
            ))}
          </text>
        </g>
      ))}
    </g>
  );
}

export function HtmlLegend(ctx: LegendContext) {
  return (
    <ul className="chart-legend" aria-label="Legend">
      {legendItems(ctx).map((item) => (
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
