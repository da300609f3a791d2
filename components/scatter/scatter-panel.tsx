/**
 * The accuracy × alignment figure: toggles, the interactive chart (server-rendered first), its legend and a
 * caption that points to the table as the chart's text alternative.
 */
import type { ReferencePointInput } from "@/lib/charts/arrows";
import { packPoints } from "@/lib/charts/packed-points";
import type { ScatterPointInput } from "@/lib/charts/scatter-model";
import { METRICS } from "@/lib/metrics/registry";
import { InteractiveScatter } from "./interactive-scatter";
import { HtmlLegend } from "./legend";

type Props = {
  points: (ScatterPointInput & { top1: number; alignment: number })[];
  reference: ReferencePointInput[];
  ceiling: number | null;
  benchmarkTitle: string;
  benchmarkId: string;
  /** Id of the table that holds the same data as text. */
  tableId: string;
  filtered: boolean;
  /** All points in the view (more than `points` when the rest must be fetched from `pointsUrl`). */
  total?: number;
  pointsUrl?: string | null;
};

export function ScatterPanel({ points, reference, ceiling, benchmarkTitle, benchmarkId, tableId, filtered, total, pointsUrl }: Props) {
  const description =
    `${total ?? points.length} models${filtered ? " matching the filters" : ""}: top-1 accuracy on the x axis, alignment with ` +
    `human ClickMe maps (% of the human ceiling) on the y axis. The line joins the Pareto front. ` +
    `The table below lists the same numbers.`;
  return (
    <figure className="scatter-figure" aria-labelledby="scatter-caption">
      {reference.length > 0 && (
        <div className="chart-toggles">
          <label>
            <input type="checkbox" className="toggle-ref" defaultChecked /> Paper reference points (approximate)
          </label>
          <label>
            <input type="checkbox" className="toggle-arrows" defaultChecked /> Baseline → harmonized arrows
          </label>
        </div>
      )}
      <InteractiveScatter
        packed={packPoints(points)}
        pointsUrl={pointsUrl ?? null}
        reference={reference}
        ceiling={ceiling}
        title={`${benchmarkTitle}: top-1 accuracy against human alignment`}
        description={description}
        xLabel={METRICS.top1.label}
        yLabel={`${METRICS.alignment.shortLabel} (% of human ceiling)`}
        fileName={`${benchmarkId}-accuracy-vs-alignment`}
      />
      <HtmlLegend />
      <figcaption id="scatter-caption">
        Top-1 accuracy against human alignment{filtered ? " for the filtered models" : ""}. The Pareto front is recomputed for the models
        shown. Reference points are read off the paper&apos;s figure and are approximate; they are not ranked.{" "}
        <a href={`#${tableId}`}>The table</a> gives every number as text. Drag or scroll to zoom and pan; click a point to open its model
        page.
      </figcaption>
    </figure>
  );
}
