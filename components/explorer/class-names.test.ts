import { describe, expect, it } from "vitest";
import { findBenchmark } from "@/lib/benchmarks";
import { IMAGENET_CLASS_NAMES } from "@/lib/benchmarks/imagenet-synsets";
import { className, classNamesOf } from "./class-names";

describe("class names", () => {
  it("takes the first synonym of every ImageNet synset, in label order (values from the ILSVRC-2012 synset_words list)", () => {
    expect(IMAGENET_CLASS_NAMES).toHaveLength(1000);
    expect([0, 134, 207, 639, 999].map((i) => IMAGENET_CLASS_NAMES[i])).toEqual([
      "tench",
      "crane",
      "golden retriever",
      "maillot",
      "toilet tissue",
    ]);
  });

  it("names ClickMe labels by ImageNet class", () => {
    const names = classNamesOf(findBenchmark("clickme"));
    expect(className(names, 0)).toBe("tench");
    expect(className(names, 1)).toBe("goldfish");
    expect(className(names, 999)).toBe("toilet tissue");
    expect(className(names, 1000)).toBe("class 1000");
  });

  it("uses a benchmark's own names, and falls back to 'class N' where it names none", () => {
    expect(className(classNamesOf(findBenchmark("psychophysics-synthetic")), 2)).toBe("triangle");
    expect(className(classNamesOf(findBenchmark("synthetic")), 3)).toBe("red cross");
    expect(className(classNamesOf(findBenchmark("shortcut")), 0)).toBe("circle");
    expect(className(classNamesOf(findBenchmark("clickme")), 1000)).toBe("class 1000");
    expect(className(classNamesOf(undefined), 7)).toBe("class 7");
    const manifest = {
      numClasses: 1000,
      classSpace: "ImageNet-1k",
      manifest: { classNames: ["a", "b"] } as never,
      psychophysics: undefined,
    };
    expect(className(classNamesOf(manifest), 1)).toBe("b");
  });
});
