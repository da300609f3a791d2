import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Lineage } from "./model-meta";

const m = (slug: string) => ({ slug, displayName: slug.toUpperCase(), isDemo: false });
const hrefs = (html: string) => [...html.matchAll(/<a href="([^"]+)"/g)].map((x) => x[1].replaceAll("&amp;", "&"));

describe("Lineage", () => {
  it("carries the board the visitor came from on every linked model, so their back links return there too", () => {
    const from = "/benchmarks/clickme?q=res";
    const html = renderToStaticMarkup(<Lineage parent={m("base")} descendants={[m("child")]} sameWeights={[m("twin")]} from={from} />);
    const q = `from=${encodeURIComponent(from)}`;
    expect(hrefs(html)).toEqual([`/models/base?${q}`, `/models/child?${q}`, `/models/twin?${q}`]);
    expect(html).toContain("Fine-tuned from");
    expect(html).toContain("Same weights as");
  });

  it("plain links from the home board or without one", () => {
    for (const from of ["/", null, undefined]) {
      const html = renderToStaticMarkup(<Lineage parent={m("base")} descendants={[]} from={from} />);
      expect(hrefs(html)).toEqual(["/models/base"]);
    }
  });
});
