import { describe, expect, it } from "vitest";
import { getBenchmark } from "@/lib/benchmarks";
import { citeComparison } from "./cite";

describe("citeComparison", () => {
  const c = citeComparison(
    {
      query: "models=vit-b16,resnet50",
      accessed: new Date("2026-12-03T10:00:00Z"),
      models: [
        { slug: "vit-b16", displayName: "ViT-B/16" },
        { slug: "resnet50", displayName: "ResNet-50" },
      ],
      results: [
        {
          modelSlug: "vit-b16",
          evaluationId: 12,
          benchmark: { id: "clickme", version: 1 },
          metric: "alignment",
          value: 0.4,
          ci95: [0.38, 0.42],
        },
        { modelSlug: "resnet50", evaluationId: 13, benchmark: { id: "clickme", version: 1 }, metric: "alignment", value: 0.7, ci95: null },
        {
          modelSlug: "resnet50",
          evaluationId: 14,
          benchmark: { id: "psychophysics", version: 1 },
          metric: "psychophysics",
          value: 2.5,
          ci95: [2.1, 3.0],
        },
      ],
    },
    "https://board.example",
  );

  it("pins the immutable results it shows, with the page's URL and the access date", () => {
    expect(c.key).toMatch(/compare/);
    expect(c.bibtex).toMatch(/url\s+= \{https:\/\/board\.example\/compare\?models=vit-b16,resnet50\},/);
    expect(c.text).toContain("vit-b16 on clickme v1: Human alignment 40.0% (95% CI 38.0%–42.0%), result 12");
    expect(c.text).toContain("resnet50 on clickme v1: Human alignment 70.0%, result 13");
    expect(c.text).toContain("result 14");
    expect(c.text).toContain("accessed 2026-12-03");
  });

  it("includes each benchmark's paper once", () => {
    const clickmePaper = getBenchmark("clickme").citation.bibtex;
    expect(c.bibtex.split(clickmePaper).length - 1).toBe(1);
    expect(c.csl[0]).toMatchObject({
      type: "dataset",
      URL: "https://board.example/compare?models=vit-b16,resnet50",
      accessed: { "date-parts": [[2026, 12, 3]] },
    });
  });
});
