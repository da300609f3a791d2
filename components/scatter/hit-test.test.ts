import { Delaunay } from "d3";
import { describe, expect, it } from "vitest";
import { prepareScatter } from "@/lib/charts/scatter-model";
import { FIXTURE_POINTS, FIXTURE_REFERENCE } from "./fixtures/scatter-data";
import { hitTest } from "./hit-test";
import { groupPoints } from "./point-groups";
import { ALL_LAYERS } from "./view-state";

const same = (slug: string) => ({ ...FIXTURE_POINTS[0], slug, name: slug.toUpperCase() });
const model = prepareScatter([...FIXTURE_POINTS, same("xray")], FIXTURE_REFERENCE, 1);
const delaunay = Delaunay.from(
  model.points,
  (p) => p.px,
  (p) => p.py,
);
const ID = { k: 1, x: 0, y: 0 };
const groups = groupPoints(model.points, ID);
const at = (slug: string) => model.points.find((p) => p.slug === slug)!;

describe("hitTest", () => {
  it("finds a lone point, and the group of a point that overlaps another", () => {
    const bravo = at("bravo");
    expect(hitTest(model, delaunay, groups, ALL_LAYERS, ID, bravo.px + 3, bravo.py)?.target).toMatchObject({
      kind: "point",
      point: { slug: "bravo" },
    });
    const alpha = at("alpha");
    const hit = hitTest(model, delaunay, groups, ALL_LAYERS, ID, alpha.px, alpha.py + 2)!;
    expect(hit.target.kind).toBe("group");
    expect(hit.target.kind === "group" && hit.target.group.members.map((m) => m.slug)).toEqual(["alpha", "xray"]);
  });

  it("finds a paper reference point, unless its layer is off; a hidden models layer is not hit either", () => {
    const r = model.reference[0];
    expect(hitTest(model, delaunay, groups, ALL_LAYERS, ID, r.px + 2, r.py - 2)?.target).toMatchObject({
      kind: "reference",
      reference: { model: r.model, variant: r.variant },
    });
    expect(hitTest(model, delaunay, groups, new Set(["models"]), ID, r.px + 2, r.py - 2)?.target.kind).not.toBe("reference");
    const alpha = at("alpha");
    expect(hitTest(model, delaunay, groups, new Set(["reference"]), ID, alpha.px, alpha.py)).toBeNull();
  });

  it("misses when nothing is within ten pixels", () => {
    expect(hitTest(model, delaunay, groups, ALL_LAYERS, ID, -50, -50)).toBeNull();
  });
});
