/** The board's metric headers and cells take their labels and formats from the metric registry. */
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_QUERY } from "@/lib/leaderboard/filters";
import { METRICS } from "@/lib/metrics/registry";
import { LeaderboardTable } from "./leaderboard-table";
import type { BoardRow } from "./types";

const row: BoardRow = {
  rank: 1,
  rankBest: 1,
  tied: false,
  tiedWith: 0,
  slug: "resnet50",
  displayName: "ResNet-50",
  family: "ResNet",
  paramCount: 25_557_032,
  trainingData: "ImageNet-1k",
  trainedOnHumanMaps: false,
  isDemo: false,
  top1: 0.7613,
  top1Ci: [0.752, 0.7701],
  alignment: 0.41237,
  alignmentCi: [0.4011, 0.4238],
  evaluatedAt: "2026-01-02T00:00:00.000Z",
  benchmarkVersion: 1,
};

/** The markup's text: a cell's value and its interval are separate elements (the phone layout stacks them). */
const textOf = (html: string) => html.replace(/<[^>]+>/g, "");

const render = () =>
  renderToStaticMarkup(
    <LeaderboardTable id="board" rows={[row]} query={DEFAULT_QUERY} basePath="/" benchmarkInPath={false} benchmarkLabel="ClickMe" />,
  );

describe("LeaderboardTable", () => {
  const saved = { top1: { ...METRICS.top1 }, alignment: { ...METRICS.alignment } };
  afterEach(() => {
    Object.assign(METRICS.top1, saved.top1);
    Object.assign(METRICS.alignment, saved.alignment);
  });

  it("shows top-1 and alignment with their intervals in the registry's formats", () => {
    const html = render();
    expect(html).toContain(">Top-1<");
    expect(html).toContain(">Alignment [95% CI]<");
    expect(textOf(html)).toContain("76.1% [75.2, 77.0]");
    expect(textOf(html)).toContain("41.2% [40.1, 42.4]");
  });

  it("follows the registry when a label or format changes", () => {
    METRICS.top1.shortLabel = "Acc@1";
    METRICS.alignment.format = { style: "fixed", decimals: 3 };
    const html = render();
    expect(html).toContain(">Acc@1<");
    expect(textOf(html)).toContain("0.412 [0.401, 0.424]");
  });

  it("labels and formats the ranked column by the board's own metric (psychophysics: −ln MSE, three decimals)", () => {
    const html = renderToStaticMarkup(
      <LeaderboardTable
        id="board"
        rows={[{ ...row, top1: null, top1Ci: null, alignment: 2.8647, alignmentCi: [2.5, 3.1234] }]}
        query={DEFAULT_QUERY}
        basePath="/"
        benchmarkInPath={false}
        benchmarkLabel="Psychophysics"
        rankedMetric="psychophysics"
      />,
    );
    expect(html).toContain(">How [95% CI]<");
    expect(textOf(html)).toContain("2.865 [2.500, 3.123]");
  });

  it("marks the columns a phone hides; rank, model, top-1 and the score stay, intervals on a line of their own", () => {
    const html = render();
    const headers = [...html.matchAll(/<th scope="col"( class="([^"]*)")?/g)].map((m) => (m[2] ?? "").includes("col-wide"));
    // Rank, Model, Family, Params, Top-1, Alignment, Human data, Evaluated.
    expect(headers).toEqual([false, false, true, true, false, false, true, true]);
    const body = html.slice(html.indexOf("<tbody>"));
    const cells = [...body.matchAll(/<t[dh](?: scope="row")?(?: class="([^"]*)")?>/g)].map((m) => (m[1] ?? "").includes("col-wide"));
    expect(cells).toEqual(headers);
    expect(html).toContain('76.1%<span class="ci"> [75.2, 77.0]</span>');
    expect(html).toContain('class="board leaderboard"');
  });
});
