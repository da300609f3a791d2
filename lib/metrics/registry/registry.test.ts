import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BENCHMARKS } from "@/lib/benchmarks";
import { BOARD_METRICS, formatMetricValue, getMetric, isMetricId, METRIC_IDS, METRIC_LIST, METRICS, orientForRanking } from "./index";

describe("metric registry invariants", () => {
  it("ids are unique and each matches its file name", () => {
    expect(new Set(METRIC_IDS).size).toBe(METRIC_IDS.length);
    const files = readdirSync(__dirname).filter((f) => /^[a-z0-9-]+\.ts$/.test(f) && !["index.ts", "types.ts"].includes(f));
    expect(files.map((f) => f.replace(/\.ts$/, "")).sort()).toEqual([...METRIC_IDS].sort());
    for (const id of METRIC_IDS) expect(METRICS[id].id).toBe(id);
  });

  it("every metric has a test file beside it", () => {
    const files = new Set(readdirSync(__dirname));
    for (const id of METRIC_IDS) expect(files.has(`${id}.test.ts`), `${id}.test.ts`).toBe(true);
  });

  it("every benchmark's metrics exist and its primary metric is a ranked board metric it lists", () => {
    for (const b of BENCHMARKS) {
      for (const id of b.metrics) expect(isMetricId(id), `${b.id}: ${id}`).toBe(true);
      expect(b.metrics).toContain(b.primaryMetric);
      const primary = getMetric(b.primaryMetric);
      expect(primary.ranked && primary.board !== undefined, `${b.id}: ${b.primaryMetric}`).toBe(true);
    }
  });

  it("ranges, formats and dependencies are sane", () => {
    for (const m of METRIC_LIST) {
      const [lo, hi] = m.range;
      expect(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi, m.id).toBe(true);
      expect(typeof m.higherIsBetter).toBe("boolean");
      expect(Number.isInteger(m.format.decimals) && m.format.decimals >= 0 && m.format.decimals <= 6, m.id).toBe(true);
      expect(m.label && m.shortLabel && m.description, m.id).toBeTruthy();
      if (m.ranked) expect(m.board, `${m.id} is ranked but has no board column`).toBeDefined();
      const requires = m.perImage?.requires;
      if (requires !== undefined) {
        // Evaluated in registry order, so what a metric requires must come earlier and be per-image itself.
        const at = METRIC_IDS.indexOf(requires as never);
        expect(at >= 0 && at < METRIC_IDS.indexOf(m.id) && METRIC_LIST[at].perImage !== undefined, `${m.id} requires ${requires}`).toBe(
          true,
        );
      }
    }
    const columns = BOARD_METRICS.map((m) => m.board!.column);
    expect(new Set(columns).size).toBe(columns.length);
  });

  it("an unknown id names the available ones", () => {
    expect(() => getMetric("accuracy")).toThrow(
      "Unknown metric 'accuracy'. Available: alignment, spearman, top1, dice, iou, psychophysics",
    );
    expect(isMetricId("toString")).toBe(false);
  });
});

describe("registry helpers", () => {
  it("formats percent and fixed values", () => {
    expect(formatMetricValue({ ...METRICS.top1, format: { style: "percent", decimals: 2 } }, 0.12345)).toBe("12.35%");
    expect(formatMetricValue({ ...METRICS.dice, format: { style: "fixed", decimals: 1 } }, 0.24)).toBe("0.2");
  });

  it("turns a lower-is-better value so that larger is better, swapping the interval", () => {
    const v = { value: 0.3, lo: 0.2, hi: 0.5 };
    expect(orientForRanking(METRICS.alignment, v)).toEqual(v);
    expect(orientForRanking({ ...METRICS.alignment, higherIsBetter: false }, v)).toEqual({ value: -0.3, lo: -0.5, hi: -0.2 });
  });
});
