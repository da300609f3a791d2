/**
 * The axes the cross-track scatter can plot: each benchmark's ranked metric and, where it has one, its top-1 accuracy
 * ("clickme:alignment", "clickme:top1", "psychophysics:psychophysics"). Pure: the page, its tests and the query agree.
 */
import { BENCHMARKS, type BenchmarkDefinition } from "@/lib/benchmarks";
import { METRICS, type MetricId } from "@/lib/metrics/registry";

export type TrackAxis = { id: string; benchmark: BenchmarkDefinition; metric: MetricId; label: string; kind: "where" | "how" | "accuracy" };

export function trackAxes(benchmarks: readonly BenchmarkDefinition[] = BENCHMARKS): TrackAxis[] {
  return benchmarks.flatMap((b) => {
    const metrics: MetricId[] = [b.primaryMetric, ...(b.metrics.includes("top1") && b.primaryMetric !== "top1" ? (["top1"] as const) : [])];
    return metrics.map((metric) => ({
      id: `${b.id}:${metric}`,
      benchmark: b,
      metric,
      // "ClickMe human alignment", not "ClickMe human alignment: Human alignment".
      label: b.title.toLowerCase().includes(METRICS[metric].label.toLowerCase()) ? b.title : `${b.title}: ${METRICS[metric].label}`,
      kind: metric === "top1" ? ("accuracy" as const) : b.psychophysics ? ("how" as const) : ("where" as const),
    }));
  });
}

export function findTrackAxis(id: string | undefined, axes: readonly TrackAxis[] = trackAxes()): TrackAxis | null {
  return axes.find((a) => a.id === id) ?? null;
}

/**
 * The default pair: where × how on data comparable with the paper (ClickMe × psychophysics) when models have both,
 * else the first where × how pair (or any pair) that some model has, so the embedded default shows its synthetic tracks.
 */
export function defaultTrackAxes(axes: readonly TrackAxis[], hasBoth: (x: TrackAxis, y: TrackAxis) => boolean): [TrackAxis, TrackAxis] {
  const pairs: [TrackAxis, TrackAxis][] = [];
  const where = axes.filter((a) => a.kind === "where");
  const how = axes.filter((a) => a.kind === "how");
  for (const x of where) for (const y of how) pairs.push([x, y]);
  for (const x of axes) for (const y of axes) if (x.id !== y.id && x.benchmark.id !== y.benchmark.id) pairs.push([x, y]);
  const paper = pairs.find(([x, y]) => x.benchmark.comparableWithPaper && y.benchmark.comparableWithPaper && hasBoth(x, y));
  return paper ?? pairs.find(([x, y]) => hasBoth(x, y)) ?? pairs[0] ?? [axes[0], axes[1] ?? axes[0]];
}
