/**
 * The model points as SVG. "links": every point a link (small sets, no JavaScript). "dots": one path per style
 * (large sets without JavaScript) plus links on the Pareto front. "overlay": invisible, focusable links over the
 * canvas that JavaScript draws, so keyboard and screen-reader users still reach each model page.
 * Overlapping points (see point-groups.ts) keep one link each, next to each other in the tab order, inside a
 * labelled group; in the overlay their hit areas let clicks through, so a click opens the group's card.
 */
import { markPath, POINT_RADIUS, pointStyle, styleKey } from "@/lib/charts/marks";
import type { PlacedPoint } from "@/lib/charts/scatter-model";
import { applyZoom, type ZoomState } from "@/lib/charts/zoom";
import { memo, type ReactNode } from "react";
import { formatWithCi } from "@/components/format";
import { NO_GROUPS, type PointGroup, type PointGroups } from "./point-groups";
import { useModelHref } from "./model-href";

export type PointMode = "links" | "dots" | "overlay";
/** Above this many points, per-point links are kept only for the Pareto front (and the groups it is in). */
export const LINK_LIMIT = 600;

type Props = {
  points: PlacedPoint[];
  zoom: ZoomState;
  mode: PointMode;
  groups?: PointGroups;
  onFocusPoint?: (p: PlacedPoint | null) => void;
};

export function pointLabel(p: PlacedPoint): string {
  const demo = p.isDemo ? " (demo data, not a measured score)" : "";
  const human = p.humanData ? ", trained on human maps" : "";
  return `${p.name}${demo}${human}: top-1 ${formatWithCi("top1", p.top1, p.top1Ci)}, alignment ${formatWithCi("alignment", p.alignment, p.alignmentCi)}`;
}

export function groupLabel(g: PointGroup): string {
  return `${g.members.length} overlapping points: ${g.members.map((m) => m.name).join(", ")}`;
}

/** A ring drawn only while its mark has keyboard focus (app/globals.css): a surface-coloured halo, then the ring. */
export function FocusRing({ x, y, r }: { x: number; y: number; r: number }) {
  return (
    <g className="focus-ring" fill="none" stroke="none" pointerEvents="none">
      <path className="focus-ring-halo" d={markPath("circle", x, y, r + 2)} />
      <path className="focus-ring-line" d={markPath("circle", x, y, r + 4.25)} />
    </g>
  );
}

type LinkProps = { p: PlacedPoint; zoom: ZoomState; hit: boolean; group?: PointGroup; onFocusPoint?: Props["onFocusPoint"] };

function PointLink({ p, zoom, hit, group, onFocusPoint }: LinkProps) {
  const modelHref = useModelHref();
  const s = pointStyle(p);
  const [x, y] = applyZoom(zoom, p.px, p.py);
  const position = group ? ` (${group.members.indexOf(p) + 1} of ${group.members.length} overlapping points)` : "";
  return (
    <a
      href={modelHref(p.slug)}
      aria-label={pointLabel(p) + position}
      className="scatter-point"
      onFocus={onFocusPoint ? () => onFocusPoint(p) : undefined}
      onBlur={onFocusPoint ? () => onFocusPoint(null) : undefined}
    >
      <path
        className={hit ? "point-hit" : "point-mark"}
        d={markPath(s.shape, x, y, POINT_RADIUS)}
        fill={hit ? "transparent" : s.hollow ? "none" : s.colour}
        stroke={hit ? "none" : s.colour}
        strokeWidth={1.5}
        fillOpacity={hit ? undefined : 0.85}
        pointerEvents={hit && group ? "none" : undefined}
      />
      <FocusRing x={x} y={y} r={POINT_RADIUS} />
    </a>
  );
}

/** Links for `linked`, a group's members together at the place of its first member in the list. */
function Links({ linked, zoom, hit, groups, onFocusPoint }: { linked: PlacedPoint[]; hit: boolean } & Omit<Props, "points" | "mode">) {
  const bySlug = groups?.bySlug ?? NO_GROUPS.bySlug;
  const done = new Set<PointGroup>();
  const out: ReactNode[] = [];
  for (const p of linked) {
    const group = bySlug.get(p.slug);
    if (!group) out.push(<PointLink key={p.slug} p={p} zoom={zoom} hit={hit} onFocusPoint={onFocusPoint} />);
    else if (!done.has(group)) {
      done.add(group);
      out.push(
        <g key={`group-${group.key}`} className="scatter-group" role="group" aria-label={groupLabel(group)}>
          {group.members.map((m) => (
            <PointLink key={m.slug} p={m} zoom={zoom} hit={hit} group={group} onFocusPoint={onFocusPoint} />
          ))}
        </g>,
      );
    }
  }
  return <>{out}</>;
}

// Memoised: while a zoom gesture runs, the overlay keeps its props and only its parent's transform changes.
export const PointMarks = memo(function PointMarks({ points, zoom, mode, groups, onFocusPoint }: Props) {
  if (mode === "links") {
    return (
      <g className="scatter-points">
        <Links linked={points} zoom={zoom} hit={false} groups={groups} onFocusPoint={onFocusPoint} />
      </g>
    );
  }
  const inFrontGroup = (p: PlacedPoint) => groups?.bySlug.get(p.slug)?.members.some((m) => m.onFront) ?? false;
  const linked = points.length <= LINK_LIMIT ? points : points.filter((p) => p.onFront || inFrontGroup(p));
  if (mode === "overlay") {
    return (
      <g className="scatter-points scatter-overlay">
        <Links linked={linked} zoom={zoom} hit groups={groups} onFocusPoint={onFocusPoint} />
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
    <g className="scatter-points">
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
      <Links
        linked={points.filter((p) => p.onFront || inFrontGroup(p))}
        zoom={zoom}
        hit={false}
        groups={groups}
        onFocusPoint={onFocusPoint}
      />
    </g>
  );
});
