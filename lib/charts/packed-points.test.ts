import { describe, expect, it } from "vitest";
import { packPoints, unpackPoints } from "./packed-points";

const point = (slug: string, extra: object = {}) => ({
  slug,
  name: slug.toUpperCase(),
  family: "cnn",
  top1: 0.761234567,
  alignment: -0.1234564,
  top1Ci: [0.75, 0.77] as [number, number],
  alignmentCi: null,
  isDemo: false,
  humanData: false,
  ...extra,
});

describe("packPoints / unpackPoints", () => {
  it("round-trips every field, rounding numbers to 5 decimals", () => {
    const points = [point("a"), point("b", { family: "vit", isDemo: true, humanData: true, alignmentCi: [0.1, 0.2] })];
    const packed = packPoints(points);
    expect(packed.families).toEqual(["cnn", "vit"]);
    expect(packed.flags).toEqual([0, 3]);
    expect(unpackPoints(packed)).toEqual([
      { ...point("a"), top1: 0.76123, alignment: -0.12346 },
      { ...point("b", { family: "vit", isDemo: true, humanData: true, alignmentCi: [0.1, 0.2] }), top1: 0.76123, alignment: -0.12346 },
    ]);
  });

  it("is smaller than the plain objects as JSON at scale", () => {
    const many = Array.from({ length: 1000 }, (_, i) => point(`model-${i}`));
    expect(JSON.stringify(packPoints(many)).length).toBeLessThan(JSON.stringify(many).length * 0.6);
  });
});
