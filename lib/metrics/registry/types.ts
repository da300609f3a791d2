import type { AggregateScores } from "@/lib/metrics/aggregate";
import type { PsychophysicsSummary } from "@/lib/metrics/psychophysics";

/** Values are stored on their natural scale (fractions, not percentages); `percent` multiplies by 100 to print. */
export type MetricFormat = { style: "percent" | "fixed"; decimals: number };

/** Denormalised evaluation columns (with `…Lo`/`…Hi` intervals) that boards sort, filter and rank by index. */
export type BoardColumn = "alignment" | "top1";

/** The engine's aggregate report as the worker sends it (the explanatory reason does not cross the protocol). */
export type AggregateReport = Omit<AggregateScores, "alignment_undefined_reason"> & {
  /** "How" benchmarks (psychophysics): the curves and their score (lib/metrics/psychophysics.ts). */
  psychophysics?: Pick<PsychophysicsSummary, "score" | "ci95"> | null;
};

export type MetricDefinition<Id extends string = string> = {
  /** Published id: the key in `scores`, the CSV/JSON column prefix. Matches the file name. */
  id: Id;
  label: string;
  shortLabel: string;
  description: string;
  higherIsBetter: boolean;
  range: readonly [number, number];
  format: MetricFormat;
  /** Set for metrics that boards show as a column: the denormalised column and the CSV description. */
  board?: { column: BoardColumn; csvDescription: string };
  /** Boards rank by this metric (it must have a `board` column): competition ranks with CI ties. */
  ranked: boolean;
  /**
   * Per-image computation on a saliency map and its human map (plain typed arrays, same length). `requires`: the
   * value is null on an image where that metric's value is null (a constant map has no ρ and no top set).
   */
  perImage?: { compute: (saliency: Float32Array, human: Float32Array) => number | null; requires?: string };
  /** Where the engine's aggregate report (lib/metrics/aggregate.ts) holds this metric's value and interval. */
  aggregate: (s: AggregateReport) => { value: number | null; ci95: [number, number] | null };
};

/** Keeps the id's literal type, so the registry's id union is inferred from its files. */
export function defineMetric<const Id extends string>(def: MetricDefinition<Id>): MetricDefinition<Id> {
  return def;
}
