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
    expect(svg.match(/role="img" tabindex="0" aria-label="Paper reference/g)).toHaveLength(4);
  });
});

describe("ScatterSvg with coincident points", () => {
  const same = (slug: string) => ({ ...FIXTURE_POINTS[0], slug, name: slug.toUpperCase() });
  const model = prepareScatter([same("zulu"), ...FIXTURE_POINTS, same("yankee"), same("xray")], FIXTURE_REFERENCE, 1);
  const svg = renderToStaticMarkup(<ScatterSvg model={model} title="t" description="d" xLabel="x" yLabel="y" pointMode="links" />);

  it("draws one count badge for the three points at one place, and says so in the legend", () => {
    const badges = [...svg.matchAll(/<g class="scatter-group-badge">.*?<text[^>]*>(\d+)<\/text><\/g>/g)].map((m) => m[1]);
    // the legend's swatch is a badge too
    expect(badges).toEqual(["4", "3"]);
    expect(svg).toContain("Overlapping models (count)");
  });

  it("keeps a link per member, next to each other in a labelled group", () => {
    const group = /<g class="scatter-group" role="group" aria-label="([^"]+)">(.*?)<\/g><\/a><\/g>/.exec(svg)!;
    expect(group[1]).toBe("4 overlapping points: ALPHA, XRAY, YANKEE, ZULU");
    const links = [...group[2].matchAll(/<a href="\/models\/([a-z]+)" aria-label="([^"]+)"/g)];
    expect(links.map((m) => m[1])).toEqual(["alpha", "xray", "yankee", "zulu"]);
    expect(links[1][2]).toMatch(/^XRAY: top-1 62\.0% .*\(2 of 4 overlapping points\)$/);
    expect(svg.match(/<a href="\/models\//g)).toHaveLength(11);
  });
});
