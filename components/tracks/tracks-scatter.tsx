/**
 * Any two tracks against each other (/tracks): one point per model that has both scores, with its two 95% intervals
 * as whiskers, and Spearman's ρ across models, so a reader sees whether models aligned on *where* are also aligned on
 * *how*. Plain SVG from d3 scales, server-rendered; the table on the page is its text alternative.
 */
import { extent, scaleLinear } from "d3";
import { SCATTER_COLOURS } from "@/lib/charts/palette";
import { Axes, Grid } from "@/components/scatter/axes";

export type TrackPoint = {
  slug: string;
  label: string;
  isDemo: boolean;
  trainedOnHumanMaps: boolean;
  x: number;
  y: number;
  xCi: [number, number] | null;
  yCi: [number, number] | null;
  /** The two results plotted (their pages are /results/{id}). */
  xResultId: number;
  yResultId: number;
};

type Props = { points: TrackPoint[]; xLabel: string; yLabel: string; xFormat: (v: number) => string; yFormat: (v: number) => string };

const FRAME = { width: 640, height: 420, margin: { top: 16, right: 24, bottom: 56, left: 72 } };

function domainOf(values: number[]): [number, number] {
  const [lo, hi] = extent(values) as [number, number];
  if (lo === undefined) return [0, 1];
  const pad = hi > lo ? (hi - lo) * 0.08 : Math.max(Math.abs(lo) * 0.1, 0.05);
  return [lo - pad, hi + pad];
}

export function TracksScatter({ points, xLabel, yLabel, xFormat, yFormat }: Props) {
  const inner = {
    width: FRAME.width - FRAME.margin.left - FRAME.margin.right,
    height: FRAME.height - FRAME.margin.top - FRAME.margin.bottom,
  };
  const x = scaleLinear()
    .domain(domainOf(points.flatMap((p) => [p.x, ...(p.xCi ?? [])])))
    .range([0, inner.width])
    .nice();
  const y = scaleLinear()
    .domain(domainOf(points.flatMap((p) => [p.y, ...(p.yCi ?? [])])))
    .range([inner.height, 0])
    .nice();
  return (
    <svg
      viewBox={`0 0 ${FRAME.width} ${FRAME.height}`}
      width="100%"
      style={{ maxWidth: FRAME.width }}
      role="group"
      aria-labelledby="tracks-title tracks-desc"
      className="tracks-scatter"
    >
      <title id="tracks-title">{`${yLabel} against ${xLabel}`}</title>
      <desc id="tracks-desc">{`${points.length} models with both scores; the table below lists them.`}</desc>
      <g transform={`translate(${FRAME.margin.left},${FRAME.margin.top})`}>
        <Grid x={x} y={y} width={inner.width} height={inner.height} />
        {points.map((p) => {
          const colour = p.trainedOnHumanMaps ? SCATTER_COLOURS.humanData : SCATTER_COLOURS.standard;
          const cx = x(p.x);
          const cy = y(p.y);
          return (
            <a key={p.slug} href={`/models/${encodeURIComponent(p.slug)}`} aria-label={`${p.label}: ${xFormat(p.x)}, ${yFormat(p.y)}`}>
              <g stroke={colour} fill={p.isDemo ? "none" : colour} className="track-point">
                {p.xCi && <line x1={x(p.xCi[0])} x2={x(p.xCi[1])} y1={cy} y2={cy} strokeOpacity={0.5} />}
                {p.yCi && <line x1={cx} x2={cx} y1={y(p.yCi[0])} y2={y(p.yCi[1])} strokeOpacity={0.5} />}
                {p.trainedOnHumanMaps ? (
                  <path d={`M${cx},${cy - 6} L${cx + 6},${cy + 5} L${cx - 6},${cy + 5} Z`} strokeWidth={1.5} />
                ) : (
                  <circle cx={cx} cy={cy} r={5} strokeWidth={1.5} />
                )}
                <text x={cx + 8} y={cy - 8} fontSize={11} fill="currentColor" stroke="none">
                  {p.label}
                </text>
              </g>
            </a>
          );
        })}
        <Axes x={x} y={y} width={inner.width} height={inner.height} xLabel={xLabel} yLabel={yLabel} xFormat={xFormat} yFormat={yFormat} />
      </g>
    </svg>
  );
}
