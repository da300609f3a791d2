import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { prepareScatter } from "@/lib/charts/scatter-model";
import { FIXTURE_POINTS, FIXTURE_REFERENCE } from "./fixtures/scatter-data";
import { ScatterSvg } from "./scatter-svg";

const SNAPSHOT = path.join(__dirname, "fixtures", "scatter-svg.snapshot.svg");

function render(): string {
  const model = prepareScatter(FIXTURE_POINTS, FIXTURE_REFERENCE, 1);
  return (
    renderToStaticMarkup(
      <ScatterSvg
        model={model}
        title="Top-1 accuracy against human alignment"
        description="Fixture data"
        xLabel="Top-1 accuracy"
        yLabel="Alignment (% of human ceiling)"
        pointMode="links"
      />,
    ) + "\n"
  );
}

describe("ScatterSvg", () => {
  it("renders the fixture exactly as the committed SVG", () => {
    const svg = render();
    // UPDATE_SNAPSHOTS=1 rewrites the file after a deliberate change; review the diff before committing.
    if (process.env.UPDATE_SNAPSHOTS === "1") writeFileSync(SNAPSHOT, svg);
    expect(svg).toBe(readFileSync(SNAPSHOT, "utf8"));
  });

  it("links each scored point to its model page and says which are demo data", () => {
    const svg = render();
    const links = [...svg.matchAll(/<a href="\/models\/([a-z]+)" aria-label="([^"]+)"/g)];
    expect(links.map((m) => m[1]).sort()).toEqual(["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]);
    expect(links.find((m) => m[1] === "foxtrot")![2]).toMatch(
      /^FOXTROT \(demo data, not a measured score\): top-1 68\.0% \[67\.0, 69\.0\], alignment 40\.0% \[38\.0, 42\.0\]$/,
    );
    expect(svg).toContain("Human ceiling (100%)");
    expect(svg.match(/role="img" aria-label="Paper reference/g)).toHaveLength(4);
  });
});
