/** Display formats; how each metric prints comes from lib/metrics/registry, never from here. */
import { formatMetricValue, METRICS, type MetricId } from "@/lib/metrics/registry";

export function formatMetric(id: MetricId, value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : formatMetricValue(METRICS[id], value);
}

/** "61.5% [59.8, 63.1]": the interval's bounds in the metric's format, without repeating the unit. */
export function formatWithCi(id: MetricId, value: number | null | undefined, ci: readonly [number, number] | null | undefined): string {
  const main = formatMetric(id, value);
  if (main === "—" || !ci) return main;
  const bound = (v: number) => formatMetricValue(METRICS[id], v).replace(/%$/, "");
  return `${main} [${bound(ci[0])}, ${bound(ci[1])}]`;
}

/** 25,557,032 → "25.6M"; null → "—". */
export function formatParams(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  if (n >= 1e9) return `${trim(n / 1e9)}B`;
  if (n >= 1e6) return `${trim(n / 1e6)}M`;
  if (n >= 1e3) return `${trim(n / 1e3)}K`;
  return String(n);
}

const trim = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1).replace(/\.0$/, ""));

/** ISO date in UTC (the site's one time zone), or "—". */
export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return "—";
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? "—" : d.toISOString().slice(0, 10);
}
