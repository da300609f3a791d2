import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { prepareScatter } from "@/lib/charts/scatter-model";
import { FIXTURE_POINTS, FIXTURE_REFERENCE } from "./fixtures/scatter-data";
import { HoverCard } from "./hover-card";
import { ScatterBoardContext } from "./model-href";
import { groupPoints } from "./point-groups";
import { ScatterSvg } from "./scatter-svg";

const BOARD = "/benchmarks/clickme?sort=top1&q=res";
const FROM = `from=${encodeURIComponent(BOARD)}`;

describe("the scatter's model links carry the board they are on", () => {
  const model = prepareScatter(FIXTURE_POINTS, FIXTURE_REFERENCE, 1);
  const chart = (from: string | null) =>
    renderToStaticMarkup(
      <ScatterBoardContext.Provider value={from}>
        <ScatterSvg model={model} title="t" description="d" xLabel="x" yLabel="y" pointMode="links" />
      </ScatterBoardContext.Provider>,
    );

  it("each point's link, as the table's rows do", () => {
    const hrefs = [...chart(BOARD).matchAll(/<a href="([^"]+)" aria-label=/g)].map((m) => m[1].replaceAll("&amp;", "&"));
    expect(hrefs.length).toBe(8);
    for (const href of hrefs) expect(href).toMatch(new RegExp(`^/models/[a-z]+\\?${FROM.replace(/[?%]/g, "\\$&")}$`));
  });

  it("none on the home board or off a board", () => {
    for (const from of ["/", null]) {
      const hrefs = [...chart(from).matchAll(/<a href="([^"]+)" aria-label=/g)].map((m) => m[1]);
      expect(hrefs.every((h) => /^\/models\/[a-z]+$/.test(h))).toBe(true);
    }
  });

  it("a group card's member links", () => {
    const same = (slug: string) => ({ ...FIXTURE_POINTS[0], slug, name: slug.toUpperCase() });
    const group = groupPoints(prepareScatter([same("a"), same("b")], [], 1).points, { k: 1, x: 0, y: 0 }).groups[0];
    const html = renderToStaticMarkup(
      <ScatterBoardContext.Provider value={BOARD}>
        <HoverCard target={{ kind: "group", group, active: "a" }} left={0} top={0} />
      </ScatterBoardContext.Provider>,
    );
    const hrefs = [...html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1].replaceAll("&amp;", "&"));
    expect(hrefs).toEqual([`/models/a?${FROM}`, `/models/b?${FROM}`]);
  });
});
