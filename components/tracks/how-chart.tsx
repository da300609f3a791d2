/**
 * The "how" chart: accuracy by revealed fraction of the image (log scale), one line per model with its 95% Wilson
 * interval per level, over the human curve. Plain SVG from d3 scales (renders on the server); the table after it is
 * its text alternative. The score compares the curves' shapes after min-max normalisation (docs/protocol.md §9);
 * the chart shows raw accuracies so that chance (50%) and ceiling effects stay visible.
 */
import { line, scaleLinear, scaleLog } from "d3";
import { OKABE_ITO } from "@/lib/charts/palette";
import { wilsonInterval } from "@/lib/metrics/binomial";
import { LEVEL_NAMES, LEVELS_WITHOUT_FULL } from "@/lib/metrics/psychophysics";
import { Axes, Grid } from "@/components/scatter/axes";

export type HowSeries = { label: string; modelAccuracy: (number | null)[]; nPerLevel: number[] };
export type HowChartProps = {
  series: HowSeries[];
  humanMeanCorrect: number[];
  revealedPercent: number[];
  humanLabel: string;
  idBase?: string;
};

const COLOURS = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple];
const DASHES = [undefined, "6 3", "2 3", "8 3 2 3"];
const FRAME = { width: 640, height: 340, margin: { top: 16, right: 16, bottom: 52, left: 64 } };

type Level = { k: number; x: number; acc: number | null; n: number; ci: [number, number] | null };

/** Every level of a series (the full image last) with its Wilson interval; the chart draws the scored ones. */
function levelsOf(s: HowSeries, revealed: number[]): Level[] {
  return LEVEL_NAMES.map((_, k) => {
    const acc = s.modelAccuracy[k] ?? null;
    const n = s.nPerLevel[k] ?? 0;
    return { k, x: revealed[k], acc, n, ci: acc === null ? null : wilsonInterval(Math.round(acc * n), n) };
  });
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export function HowChart({ series, humanMeanCorrect, revealedPercent, humanLabel, idBase = "how" }: HowChartProps) {
  const inner = {
    width: FRAME.width - FRAME.margin.left - FRAME.margin.right,
    height: FRAME.height - FRAME.margin.top - FRAME.margin.bottom,
  };
  const x = scaleLog()
    .domain([revealedPercent[0] ?? 1, revealedPercent[LEVELS_WITHOUT_FULL - 1] ?? 63.1])
    .range([0, inner.width]);
  const y = scaleLinear().domain([0, 1]).range([inner.height, 0]);
  const levels = series.map((s) => levelsOf(s, revealedPercent));
  const scored = levels.map((ls) => ls.slice(0, LEVELS_WITHOUT_FULL));
  const path = line<{ x: number; v: number }>()
    .x((d) => x(d.x))
    .y((d) => y(d.v));
  const human = humanMeanCorrect.map((v, k) => ({ x: revealedPercent[k], v }));
  return (
    <figure className="how-chart">
      <svg
        viewBox={`0 0 ${FRAME.width} ${FRAME.height}`}
        width="100%"
        role="group"
        aria-labelledby={`${idBase}-title ${idBase}-desc`}
        style={{ maxWidth: FRAME.width }}
      >
        <title id={`${idBase}-title`}>Accuracy by revealed fraction of the image</title>
        <desc id={`${idBase}-desc`}>
          {`${series.map((s) => s.label).join(", ")} against ${humanLabel}; the table below lists every value.`}
        </desc>
        <g transform={`translate(${FRAME.margin.left},${FRAME.margin.top})`}>
          <Grid x={x} y={y} width={inner.width} height={inner.height} />
          <line
            x1={0}
            x2={inner.width}
            y1={y(0.5)}
            y2={y(0.5)}
            stroke="currentColor"
            strokeOpacity={0.4}
            strokeDasharray="2 4"
            aria-hidden="true"
          />
          <text x={inner.width - 4} y={y(0.5) - 5} textAnchor="end" fontSize={11} fill="currentColor" opacity={0.7}>
            chance
          </text>
          <path d={path(human) ?? undefined} fill="none" stroke="currentColor" strokeWidth={2.5} aria-hidden="true" />
          {human.map((d) => (
            <circle key={d.x} cx={x(d.x)} cy={y(d.v)} r={3.5} fill="currentColor" aria-hidden="true" />
          ))}
          {scored.map((ls, i) => {
            const colour = COLOURS[i % COLOURS.length];
            const pts = ls.filter((l) => l.acc !== null).map((l) => ({ x: l.x, v: l.acc! }));
            return (
              <g key={series[i].label} stroke={colour} fill={colour} aria-hidden="true">
                {ls.map(
                  (l) =>
                    l.ci && (
                      <line
                        key={l.k}
                        x1={x(l.x) + (i - (series.length - 1) / 2) * 3}
                        x2={x(l.x) + (i - (series.length - 1) / 2) * 3}
                        y1={y(l.ci[0])}
                        y2={y(l.ci[1])}
                        strokeWidth={1.5}
                        opacity={0.6}
                      />
                    ),
                )}
                <path d={path(pts) ?? undefined} fill="none" strokeWidth={2} strokeDasharray={DASHES[i % DASHES.length]} />
                {pts.map((p) => (
                  <rect key={p.x} x={x(p.x) - 3} y={y(p.v) - 3} width={6} height={6} />
                ))}
              </g>
            );
          })}
          <Axes
            x={x}
            y={y}
            width={inner.width}
            height={inner.height}
            xLabel="Image revealed (log scale)"
            yLabel="Accuracy"
            xFormat={(v) => `${Number(v.toPrecision(2))}%`}
          />
        </g>
      </svg>
      <figcaption>
        <ul className="chart-legend">
          <li>
            <span className="swatch swatch-human" aria-hidden="true" /> {humanLabel} (dots, solid line)
          </li>
          {series.map((s, i) => (
            <li key={s.label}>
              <span className="swatch" style={{ background: COLOURS[i % COLOURS.length] }} aria-hidden="true" /> {s.label} (squares; bars:
              95% Wilson interval)
            </li>
          ))}
        </ul>
      </figcaption>
      <div className="table-scroll" role="region" aria-label="Accuracy by level" tabIndex={0}>
        <table className="board">
          <caption>Accuracy by level (the full image, not scored, last)</caption>
          <thead>
            <tr>
              <th scope="col">Level</th>
              <th scope="col">Revealed</th>
              <th scope="col">{humanLabel}</th>
              {series.map((s) => (
                <th key={s.label} scope="col">
                  {s.label} (95% CI) · images
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {LEVEL_NAMES.map((name, k) => (
              <tr key={name}>
                <td>{name}</td>
                <td className="num">{revealedPercent[k]?.toFixed(2)}%</td>
                <td className="num">{k < LEVELS_WITHOUT_FULL && humanMeanCorrect[k] !== undefined ? pct(humanMeanCorrect[k]) : "—"}</td>
                {levels.map((ls, i) => {
                  const { acc, n, ci } = ls[k];
                  return (
                    <td key={series[i].label} className="num">
                      {acc === null ? "no images" : `${pct(acc)}${ci ? ` [${pct(ci[0])}, ${pct(ci[1])}]` : ""} · ${n}`}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
