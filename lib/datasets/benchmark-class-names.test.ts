import { describe, expect, it } from "vitest";
import { getBenchmark } from "@/lib/benchmarks";
import { SHORTCUT_CLASSES } from "@/lib/datasets/synthetic-shortcut/render";
import { SYNTHETIC_CLASSES } from "@/lib/datasets/synthetic/classes";

describe("the synthetic benchmarks name their classes as their generators draw them", () => {
  it("synthetic: label order of lib/datasets/synthetic", () => {
    expect(getBenchmark("synthetic").classNames).toEqual(SYNTHETIC_CLASSES.map((c) => c.name));
  });
  it("shortcut: label order of lib/datasets/synthetic-shortcut", () => {
    expect(getBenchmark("shortcut").classNames).toEqual([...SHORTCUT_CLASSES]);
  });
});
