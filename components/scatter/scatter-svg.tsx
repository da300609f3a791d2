/**
 * The accuracy × alignment scatter as plain SVG: renders on the server (works without JavaScript), in the
 * snapshot test, and inside the client leaf at the current zoom. d3 computes; this only draws.
 */
import { curveStepBefore, line } from "d3";
import { SCATTER_COLOURS } from "@/lib/charts/palette";
import type { PlacedPoint, PlacedReference, ScatterModel } from "@/lib/charts/scatter-model";
import { applyZoom, IDENTITY_ZOOM, relativeZoom, rescale, type ZoomState } from "@/lib/charts/zoom";
import { Axes, Grid } from "./axes";
import { GroupBadges } from "./group-badge";
import { layoutLegend, legendItems, SvgLegend, type Measure } from "./legend";
import { groupPoints, type PointGroups } from "./point-groups";
import { PointMarks, type PointMode } from "./point-marks";
import { ReferenceLayer } from "./reference-layer";
import { ALL_LAYERS, type Layers } from "./view-state";

export type ScatterSvgProps = {
  model: ScatterModel;
  title: string;
  description: string;
  xLabel: string;
  yLabel: string;
  zoom?: ZoomState;
  pointMode: PointMode;
  /** Zoom of the cached overlay of point links, when it lags the live zoom during a gesture. */
  overlayZoom?: ZoomState;
  onFocusPoint?: (p: PlacedPoint | null) => void;
  onFocusReference?: (r: PlacedReference | null) => void;
  /** Overlapping points, formed at `overlayZoom` in overlay mode, else at `zoom` (computed here when not given). */
  groups?: PointGroups;
  /** Shown layers: the legend lists only these (CSS hides the layers themselves, with or without JavaScript). */
  layers?: Layers;
  /** Legend label widths (measured in the browser); estimated when absent. */
  measureLegend?: Measure;
  /** Prefix of the title/description ids, unique per page. */
  idBase?: string;
};

export function ScatterSvg(props: ScatterSvgProps) {
  const { model, zoom = IDENTITY_ZOOM, pointMode, idBase = "scatter" } = props;
  const overlay = pointMode === "overlay" && props.overlayZoom ? props.overlayZoom : null;
  const groups = props.groups ?? groupPoints(model.points, overlay ?? zoom);
  const legend = layoutLegend(
    legendItems({
      layers: props.layers ?? ALL_LAYERS,
      reference: model.reference.length > 0,
      ceiling: model.ceiling !== null,
      groups: groups.groups.length > 0,
    }),
    model.frame,
    props.measureLegend,
  );
  const { frame, inner } = model;
  const x = rescale(model.x, zoom, "x");
  const y = rescale(model.y, zoom, "y");
  const frontPath = line<[number, number]>().curve(curveStepBefore)(model.front.map((p) => applyZoom(zoom, p.px, p.py)));
  const ceilingY = model.ceiling === null ? null : Math.round(y(model.ceiling) * 100) / 100;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      className="scatter-svg"
      viewBox={`0 0 ${frame.width} ${frame.height}`}
      width={frame.width}
      height={frame.height}
      fontFamily="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
      role="group"
      aria-labelledby={`${idBase}-title ${idBase}-desc`}
      data-legend-height={legend.height}
    >
      <title id={`${idBase}-title`}>{props.title}</title>
      <desc id={`${idBase}-desc`}>{props.description}</desc>
      <g transform={`translate(${frame.margin.left},${frame.margin.top})`}>
        <Grid x={x} y={y} width={inner.width} height={inner.height} />
        <svg x={0} y={0} width={inner.width} height={inner.height} overflow="hidden" className="scatter-plot">
          <rect width={inner.width} height={inner.height} fill="transparent" className="scatter-hit" />
          {ceilingY !== null && (
            <g className="ceiling" aria-hidden="true">
              <line
                x1={0}
                x2={inner.width}
                y1={ceilingY}
                y2={ceilingY}
                stroke={SCATTER_COLOURS.ceiling}
                strokeWidth={1.5}
                strokeDasharray="6 4"
              />
              <text x={inner.width - 6} y={ceilingY - 6} textAnchor="end" fontSize={11} fill={SCATTER_COLOURS.ceiling}>
                Human ceiling (100%)
              </text>
            </g>
          )}
          <g className="scatter-points-layer" transform={overlay ? overlayTransform(overlay, zoom) : undefined}>
            <PointMarks points={model.points} zoom={overlay ?? zoom} mode={pointMode} groups={groups} onFocusPoint={props.onFocusPoint} />
          </g>
          <g className="scatter-groups-layer" transform={overlay ? overlayTransform(overlay, zoom) : undefined}>
            <GroupBadges groups={groups.groups} zoom={overlay ?? zoom} />
          </g>
          {frontPath && (
            <path className="pareto-front" d={frontPath} fill="none" stroke="currentColor" strokeWidth={1.5} aria-hidden="true" />
          )}
          <ReferenceLayer model={model} zoom={zoom} onFocusReference={props.onFocusReference} />
        </svg>
        <Axes x={x} y={y} width={inner.width} height={inner.height} xLabel={props.xLabel} yLabel={props.yLabel} />
      </g>
      <SvgLegend layout={legend} />
    </svg>
  );
}

function overlayTransform(from: ZoomState, to: ZoomState): string | undefined {
  const t = relativeZoom(from, to);
  return t.k === 1 && t.x === 0 && t.y === 0 ? undefined : `translate(${t.x},${t.y}) scale(${t.k})`;
}
