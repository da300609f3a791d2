import { describe, expect, it } from "vitest";
import { arrowGeometry, pairReferenceArrows } from "./arrows";

const ref = (model: string, variant: "baseline" | "harmonized") => ({ model, variant });

describe("pairReferenceArrows", () => {
  it("pairs baseline → harmonized by model name and skips incomplete pairs", () => {
    const arrows = pairReferenceArrows([
      ref("VGG16", "harmonized"),
      ref("ResNet50", "baseline"),
      ref("VGG16", "baseline"),
      ref("ViT-B16", "baseline"),
      ref("ResNet50", "harmonized"),
    ]);
    expect(arrows.map((a) => [a.model, a.from.variant, a.to.variant])).toEqual([
      ["ResNet50", "baseline", "harmonized"],
      ["VGG16", "baseline", "harmonized"],
    ]);
  });

  it("refuses two points of the same variant for one model", () => {
    expect(() => pairReferenceArrows([ref("A", "baseline"), ref("A", "baseline")])).toThrow(/Two 'baseline'/);
  });
});

describe("arrowGeometry", () => {
  it("insets both ends and puts the head at the target (3-4-5 triangle)", () => {
    // From (0,0) to (30,40): length 50, unit (0.6, 0.8). Inset 5 → start (3,4), tip (27,36); head 10 → base (21,28).
    const g = arrowGeometry(0, 0, 30, 40, 5, 10)!;
    expect(g.line).toEqual([3, 4, 21, 28]);
    // Half-width 4.5 perpendicular to (0.6, 0.8) is (∓3.6, ±2.7) around the base (21, 28).
    expect(g.head).toBe("M27,36L17.4,30.7L24.6,25.3Z");
  });

  it("draws nothing when the ends are too close", () => {
    expect(arrowGeometry(0, 0, 10, 0, 5, 7)).toBeNull();
  });
});
