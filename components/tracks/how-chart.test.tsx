import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { REVEALED_PERCENT } from "@/lib/metrics/psychophysics";
import { HowChart } from "./how-chart";

const HUMAN = [0.52, 0.55, 0.6, 0.66, 0.72, 0.8, 0.86, 0.9, 0.93, 0.95];

describe("HowChart", () => {
  const html = renderToStaticMarkup(
    <HowChart
      humanLabel="People"
      humanMeanCorrect={HUMAN}
      revealedPercent={[...REVEALED_PERCENT]}
      series={[
        { label: "Model A", modelAccuracy: [0.8, 0.5, 0.6, 0.6, 0.7, 0.8, 0.9, 0.9, 1, 1, 1], nPerLevel: Array(11).fill(10) },
        { label: "Model B", modelAccuracy: [null, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], nPerLevel: [0, ...Array(10).fill(4)] },
      ]}
    />,
  );

  it("draws the human curve and one line and square per level with data for each model", () => {
    expect(html.match(/<circle /g)).toHaveLength(10);
    // Model A: 10 levels on the scored range; model B: 9 (level 0 has no images). The full image is not drawn.
    expect(html.match(/<rect /g)).toHaveLength(19);
    expect(html).toContain("Model A, Model B against People");
  });

  it("tabulates every level with the 95% Wilson interval and the image count", () => {
    // 8/10: Wilson [0.4902, 0.9433] (hand-checked: Newcombe's formula), shown to one decimal of a percent.
    expect(html).toContain("80.0% [49.0%, 94.3%] · 10");
    expect(html).toContain("no images");
    expect(html).toMatch(/<td>full<\/td><td class="num">100.00%<\/td><td class="num">—<\/td>/);
  });
});
