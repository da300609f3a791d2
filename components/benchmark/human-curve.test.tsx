import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { getBenchmark } from "@/lib/benchmarks";
import { HumanCurve } from "./human-curve";

const text = (id: string) =>
  renderToStaticMarkup(<HumanCurve track={getBenchmark(id).psychophysics!} />)
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/\s+/g, " ");

describe("HumanCurve", () => {
  it("shows the stand-in's scripted curve, labelled synthetic, level by level", () => {
    const t = text("psychophysics-synthetic");
    expect(t).toContain("Scripted for the synthetic stand-in");
    expect(t).toContain("Scripted human curve (synthetic, not measured)");
    // level 0 reveals 1 %, level 90 reveals 63.10 %; the first value normalises to 0 and the last to 1
    expect(t).toContain("0 1.00% 0.5081 0.000");
    expect(t).toContain("90 63.10% 0.9470 1.000");
  });

  it("names the data file for the real benchmark, and the decision rule", () => {
    const t = text("psychophysics");
    expect(t).toContain("Computed at evaluation from data_for_zahra.npz");
    expect(t).toContain("animal iff argmax(logits) < 398, else non-animal");
  });
});
