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
import { viewStateFromQuery, type LayerId, type ViewState } from "./view-state";

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
  /**
   * The page's query (Next.js searchParams), whose `layers` and `zoom` say which view to render on the server;
   * without it the server renders the default view and the browser applies the URL's once it loads.
   */
  searchParams?: Record<string, string | string[] | undefined>;
  /** The board the chart is on (path and filters), carried by its model links as `from`; null: home board or not a board. */
  from?: string | null;
};

const TOGGLES: { layer: LayerId; className: string; label: string; needsReference?: boolean }[] = [
  { layer: "models", className: "toggle-models", label: "Models" },
  { layer: "pareto", className: "toggle-pareto", label: "Pareto front" },
  { layer: "reference", className: "toggle-ref", label: "Paper reference points (approximate)", needsReference: true },
  { layer: "arrows", className: "toggle-arrows", label: "Baseline → harmonized arrows", needsReference: true },
];

function LayerToggles({ view, hasReference }: { view: ViewState; hasReference: boolean }) {
  return (
    <fieldset className="chart-toggles">
      <legend className="visually-hidden">Layers shown</legend>
      {TOGGLES.filter((t) => hasReference || !t.needsReference).map((t) => (
        <label key={t.layer}>
          <input type="checkbox" className={t.className} data-layer={t.layer} defaultChecked={view.layers.has(t.layer)} /> {t.label}
        </label>
      ))}
    </fieldset>
  );
}

export function ScatterPanel(props: Props) {
  const { points, reference, ceiling, benchmarkTitle, benchmarkId, tableId, filtered, total, pointsUrl } = props;
  const view = viewStateFromQuery(props.searchParams);
  const description =
    `${total ?? points.length} models${filtered ? " matching the filters" : ""}: top-1 accuracy on the x axis, alignment with ` +
    `human ClickMe maps (% of the human ceiling) on the y axis. The line joins the Pareto front. ` +
    `The table below lists the same numbers.`;
  return (
    <figure className="scatter-figure" aria-labelledby="scatter-caption">
      <LayerToggles view={view} hasReference={reference.length > 0} />
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
        initialView={{ layers: [...view.layers], zoom: view.zoom }}
        from={props.from ?? null}
      />
      <HtmlLegend reference={reference.length > 0} ceiling={ceiling !== null} />
      <figcaption id="scatter-caption">
        Top-1 accuracy against human alignment{filtered ? " for the filtered models" : ""}. The Pareto front is recomputed for the models
        shown. Reference points are read off the paper&apos;s figure and are approximate; they are not ranked.{" "}
        <a href={`#${tableId}`}>The table</a> gives every number as text. Drag or scroll to zoom and pan; click a point to open its model
        page, or a numbered group of overlapping points to list them. The address keeps the layers and zoom, to share the view.
      </figcaption>
    </figure>
  );
}
