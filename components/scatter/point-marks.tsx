/**
 * The model points as SVG. "links": every point a link (small sets, no JavaScript). "dots": one path per style
 * (large sets without JavaScript) plus links on the Pareto front. "overlay": invisible, focusable links over the
 * canvas that JavaScript draws, so keyboard and screen-reader users still reach each model page.
 */
import { markPath, POINT_RADIUS, pointStyle, styleKey } from "@/lib/charts/marks";
import type { PlacedPoint } from "@/lib/charts/scatter-model";
import { applyZoom, type ZoomState } from "@/lib/charts/zoom";
import { memo } from "react";
import { formatWithCi } from "@/components/format";

export type PointMode = "links" | "dots" | "overlay";
/** Above this many points, per-point links are kept only for the Pareto front. */
export const LINK_LIMIT = 600;

type Props = {
  points: PlacedPoint[];
  zoom: ZoomState;
  mode: PointMode;
  onFocusPoint?: (p: PlacedPoint | null) => void;
};

export function pointLabel(p: PlacedPoint): string {
  const demo = p.isDemo ? " (demo data, not a measured score)" : "";
  const human = p.humanData ? ", trained on human maps" : "";
  return `${p.name}${demo}${human}: top-1 ${formatWithCi("top1", p.top1, p.top1Ci)}, alignment ${formatWithCi("alignment", p.alignment, p.alignmentCi)}`;
}

export function modelHref(slug: string): string {
  return `/models/${encodeURIComponent(slug)}`;
}

function PointLink({ p, zoom, onFocusPoint }: { p: PlacedPoint; zoom: ZoomState; onFocusPoint?: Props["onFocusPoint"] }) {
  const s = pointStyle(p);
  const [x, y] = applyZoom(zoom, p.px, p.py);
  return (
    <a
      href={modelHref(p.slug)}
      aria-label={pointLabel(p)}
      className="scatter-point"
      onFocus={onFocusPoint ? () => onFocusPoint(p) : undefined}
      onBlur={onFocusPoint ? () => onFocusPoint(null) : undefined}
    >
      <path
        className="mark"
        d={markPath(s.shape, x, y, POINT_RADIUS)}
        fill={s.hollow ? "none" : s.colour}
        stroke={s.colour}
        strokeWidth={1.5}
        fillOpacity={0.85}
      />
    </a>
  );
}

// Memoised: while a zoom gesture runs, the overlay keeps its props and only its parent's transform changes.
export const PointMarks = memo(function PointMarks({ points, zoom, mode, onFocusPoint }: Props) {
  if (mode === "links") {
    return (
      <g>
        {points.map((p) => (
          <PointLink key={p.slug} p={p} zoom={zoom} onFocusPoint={onFocusPoint} />
        ))}
      </g>
    );
  }
  const linked = points.length <= LINK_LIMIT ? points : points.filter((p) => p.onFront);
  if (mode === "overlay") {
    return (
      <g className="scatter-overlay">
        {linked.map((p) => (
          <PointLink key={p.slug} p={p} zoom={zoom} onFocusPoint={onFocusPoint} />
        ))}
      </g>
    );
  }
  const batches = new Map<string, { style: ReturnType<typeof pointStyle>; d: string[] }>();
  for (const p of points) {
    const style = pointStyle(p);
    const key = styleKey(style);
    const [x, y] = applyZoom(zoom, p.px, p.py);
    const batch = batches.get(key) ?? { style, d: [] };
    batch.d.push(markPath(style.shape, x, y, POINT_RADIUS));
    batches.set(key, batch);
  }
  return (
    <g>
      <g aria-hidden="true">
        {[...batches].map(([key, { style, d }]) => (
          <path
            key={key}
            d={d.join("")}
            fill={style.hollow ? "none" : style.colour}
            stroke={style.colour}
            strokeWidth={1.5}
            fillOpacity={0.85}
          />
        ))}
      </g>
      {points
        .filter((p) => p.onFront)
        .map((p) => (
          <PointLink key={p.slug} p={p} zoom={zoom} onFocusPoint={onFocusPoint} />
        ))}
    </g>
  );
});
