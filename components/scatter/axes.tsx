/** Grid, axes and axis titles of the scatter, from d3 scales; strokes use currentColor for light and dark. */
import type { ScaleContinuousNumeric } from "d3";

type AxesProps = {
  x: ScaleContinuousNumeric<number, number>;
  y: ScaleContinuousNumeric<number, number>;
  width: number;
  height: number;
  xLabel: string;
  yLabel: string;
  /** Tick labels (default: fractions as percentages). */
  xFormat?: (v: number) => string;
  yFormat?: (v: number) => string;
};

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

export function Grid({ x, y, width, height }: Pick<AxesProps, "x" | "y" | "width" | "height">) {
  return (
    <g stroke="currentColor" strokeOpacity={0.12} aria-hidden="true">
      {x.ticks(Math.max(2, Math.round(width / 90))).map((t) => (
        <line key={`x${t}`} x1={round(x(t))} x2={round(x(t))} y1={0} y2={height} />
      ))}
      {y.ticks(Math.max(2, Math.round(height / 60))).map((t) => (
        <line key={`y${t}`} x1={0} x2={width} y1={round(y(t))} y2={round(y(t))} />
      ))}
    </g>
  );
}

export function Axes({ x, y, width, height, xLabel, yLabel, xFormat = pct, yFormat = pct }: AxesProps) {
  const xTicks = x.ticks(Math.max(2, Math.round(width / 90)));
  const yTicks = y.ticks(Math.max(2, Math.round(height / 60)));
  return (
    <g fill="currentColor" fontSize={12} aria-hidden="true">
      <g transform={`translate(0,${height})`}>
        <line x1={0} x2={width} stroke="currentColor" />
        {xTicks.map((t) => (
          <g key={t} transform={`translate(${round(x(t))},0)`}>
            <line y2={6} stroke="currentColor" />
            <text y={20} textAnchor="middle">
              {xFormat(t)}
            </text>
          </g>
        ))}
        <text x={width / 2} y={42} textAnchor="middle" fontWeight={600}>
          {xLabel}
        </text>
      </g>
      <g>
        <line y1={0} y2={height} stroke="currentColor" />
        {yTicks.map((t) => (
          <g key={t} transform={`translate(0,${round(y(t))})`}>
            <line x2={-6} stroke="currentColor" />
            <text x={-9} dy="0.32em" textAnchor="end">
              {yFormat(t)}
            </text>
          </g>
        ))}
        <text transform={`translate(-50,${height / 2}) rotate(-90)`} textAnchor="middle" fontWeight={600}>
          {yLabel}
        </text>
      </g>
    </g>
  );
}

const round = (v: number) => Math.round(v * 100) / 100;
