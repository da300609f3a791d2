/**
 * The metric registry: one file per metric, listed here. Direction, range, format, board column, rank key,
 * per-image computation and where the aggregate lives all come from a metric's file; pages, downloads, the API,
 * ranks and the evaluation engine read them from here.
 */
import { alignment } from "./alignment";
import { dice } from "./dice";
import { iou } from "./iou";
import { psychophysics } from "./psychophysics";
import { spearman } from "./spearman";
import { top1 } from "./top1";
import type { BoardColumn, MetricDefinition } from "./types";

export type { BoardColumn, MetricDefinition, MetricFormat } from "./types";

/** Every metric, in the order pages list them. */
export const METRIC_LIST = [alignment, spearman, top1, dice, iou, psychophysics] as const;

export type MetricId = (typeof METRIC_LIST)[number]["id"];

export const METRICS = Object.fromEntries(METRIC_LIST.map((m) => [m.id, m])) as { [K in MetricId]: MetricDefinition<K> };

export const METRIC_IDS: readonly MetricId[] = METRIC_LIST.map((m) => m.id);

/** Board columns in their published order (CSV/JSON downloads append, never re-order). */
export const BOARD_METRICS: readonly MetricDefinition<MetricId>[] = (["top1", "alignment"] as const).map((id) => METRICS[id]);

export class UnknownMetricError extends Error {
  constructor(id: string) {
    super(`Unknown metric '${id}'. Available: ${METRIC_IDS.join(", ")}`);
    this.name = "UnknownMetricError";
  }
}

export function isMetricId(id: string): id is MetricId {
  return Object.prototype.hasOwnProperty.call(METRICS, id);
}

export function getMetric(id: string): MetricDefinition<MetricId> {
  if (!isMetricId(id)) throw new UnknownMetricError(id);
  return METRICS[id];
}

export function boardMetric(column: BoardColumn): MetricDefinition<MetricId> {
  const m = METRIC_LIST.find((d) => d.board?.column === column);
  if (!m) throw new Error(`No metric is stored in the board column '${column}'`);
  return m;
}

/** The value in the metric's format: "61.5%", "0.4213". */
export function formatMetricValue(metric: MetricDefinition, value: number): string {
  const { style, decimals } = metric.format;
  return style === "percent" ? `${(value * 100).toFixed(decimals)}%` : value.toFixed(decimals);
}

/**
 * A value and its interval turned so that larger is better, which is what rank assignment expects: a
 * lower-is-better metric is negated and its bounds swapped.
 */
export function orientForRanking(metric: MetricDefinition, v: { value: number; lo: number; hi: number }) {
  return metric.higherIsBetter ? v : { value: -v.value, lo: -v.hi, hi: -v.lo };
}
