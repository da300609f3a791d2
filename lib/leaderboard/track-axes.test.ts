import { describe, expect, it } from "vitest";
import { BENCHMARKS, getBenchmark } from "@/lib/benchmarks";
import { METRICS } from "@/lib/metrics/registry";
import { defaultTrackAxes, findTrackAxis, trackAxes } from "./track-axes";

describe("track axes", () => {
  const axes = trackAxes(BENCHMARKS);

  it("offers each benchmark's ranked metric and its top-1, labelled and classed where / how / accuracy", () => {
    expect(axes.filter((a) => a.benchmark.id === "clickme").map((a) => [a.id, a.kind])).toEqual([
      ["clickme:alignment", "where"],
      ["clickme:top1", "accuracy"],
    ]);
    expect(axes.filter((a) => a.benchmark.id === "psychophysics").map((a) => [a.id, a.kind])).toEqual([
      ["psychophysics:psychophysics", "how"],
    ]);
    expect(findTrackAxis("clickme:top1", axes)?.label).toBe(`${getBenchmark("clickme").title}: ${METRICS.top1.label}`);
    expect(findTrackAxis("clickme:nope", axes)).toBeNull();
  });

  it("defaults to where × how on the paper's data when models have both, else to the first pair with data", () => {
    const [x, y] = defaultTrackAxes(axes, () => true);
    expect([x.id, y.id]).toEqual(["clickme:alignment", "psychophysics:psychophysics"]);
    const onlySynthetic = defaultTrackAxes(axes, (a, b) => a.benchmark.id === "shortcut" && b.benchmark.id === "psychophysics-synthetic");
    expect(onlySynthetic.map((a) => a.id)).toEqual(["shortcut:alignment", "psychophysics-synthetic:psychophysics"]);
    const none = defaultTrackAxes(axes, () => false);
    expect(none.map((a) => a.id)).toEqual(["clickme:alignment", "psychophysics:psychophysics"]);
  });
});
