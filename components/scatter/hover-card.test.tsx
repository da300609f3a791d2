import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { prepareScatter } from "@/lib/charts/scatter-model";
import { FIXTURE_POINTS, FIXTURE_REFERENCE } from "./fixtures/scatter-data";
import { GROUP_CARD_LIMIT, HoverCard } from "./hover-card";
import { groupPoints } from "./point-groups";

const PAPER =
  "Fel et al. 2022, Harmonizing the object recognition strategies of deep neural networks with humans, accuracy-vs-alignment figure";

describe("HoverCard", () => {
  it("gives a paper reference point its name, numbers and source", () => {
    const model = prepareScatter(FIXTURE_POINTS, [{ ...FIXTURE_REFERENCE[0], source: PAPER }], 1);
    const html = renderToStaticMarkup(<HoverCard target={{ kind: "reference", reference: model.reference[0] }} left={0} top={0} />);
    const text = html
      .replace(/<[^>]+>/g, " ")
      .replace(/&#x27;/g, "'")
      .replace(/\s+/g, " ");
    expect(text).toContain("ModelA baseline");
    expect(text).toContain("paper reference");
    expect(text).toMatch(/Top-1 74\.0% \(approx\.\)/);
    expect(text).toMatch(/Alignment 28\.0% \(approx\.\)/);
    expect(text).toContain(`Source ${PAPER}`);
    expect(text).toContain("Read off the paper's figure");
    expect(html).toContain('aria-hidden="true"');
  });

  const three = prepareScatter(
    ["c", "a", "b"].map((slug) => ({ ...FIXTURE_POINTS[0], slug, name: slug.toUpperCase() })),
    [],
    1,
  );
  const group = groupPoints(three.points, { k: 1, x: 0, y: 0 }).groups[0];

  it("lists a group's members, each a link to its model page, untabbable while it only previews", () => {
    const html = renderToStaticMarkup(<HoverCard target={{ kind: "group", group, active: "b" }} left={0} top={0} />);
    expect(html).toContain("3 models overlap here");
    const links = [...html.matchAll(/<a href="([^"]+)" tabindex="-1">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      ["/models/a", "A"],
      ["/models/b", "B"],
      ["/models/c", "C"],
    ]);
    expect(html).toMatch(/<li class="is-active"><a href="\/models\/b"/);
    expect(html).toContain('aria-hidden="true"');
  });

  it("when pinned by a click, is a labelled dialog whose links and close button are reachable", () => {
    const html = renderToStaticMarkup(<HoverCard target={{ kind: "group", group }} left={0} top={0} pinned onClose={() => {}} />);
    expect(html).toContain('role="dialog"');
    expect(html).toContain('aria-label="3 overlapping models"');
    expect(html).not.toContain("aria-hidden");
    expect(html).not.toContain('tabindex="-1"');
    expect(html.match(/<a href="\/models\//g)).toHaveLength(3);
    expect(html).toContain('aria-label="Close"');
  });

  it("counts the members beyond the first twelve", () => {
    const many = prepareScatter(
      Array.from({ length: 15 }, (_, i) => ({ ...FIXTURE_POINTS[0], slug: `m${i}`, name: `M${String(i).padStart(2, "0")}` })),
      [],
      1,
    );
    const big = groupPoints(many.points, { k: 1, x: 0, y: 0 }).groups[0];
    const html = renderToStaticMarkup(<HoverCard target={{ kind: "group", group: big }} left={0} top={0} />);
    expect(html.match(/<a href=/g)).toHaveLength(GROUP_CARD_LIMIT);
    expect(html).toContain("and 3 more");
  });
});
