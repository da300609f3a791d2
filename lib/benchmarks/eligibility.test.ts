import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { benchmarksForClassCount, describeClassCounts, eligibleBenchmarksOrThrow, noBenchmarkMessage } from "./eligibility";

const ids = (n: number, only?: string[]) => benchmarksForClassCount(n, only).map((b) => b.id);

describe("benchmark eligibility by class count", () => {
  it("queues a model only where the label space is exactly its output", () => {
    expect(ids(1000)).toEqual(["clickme", "psychophysics"]);
    expect(ids(10)).toEqual(["synthetic"]);
    expect(ids(4)).toEqual(["shortcut", "psychophysics-synthetic"]);
    // Covering a board's labels is not enough: a 1000-class model is not a 10-class model.
    expect(ids(1001)).toEqual([]);
    expect(ids(7)).toEqual([]);
  });

  it("narrows to the ids asked for (the demo models' list)", () => {
    expect(ids(4, ["shortcut"])).toEqual(["shortcut"]);
    expect(ids(4, ["synthetic"])).toEqual([]);
  });

  it("refuses a class count no board takes with a 400 naming the counts the boards take", () => {
    expect(describeClassCounts()).toBe(
      "1000 (ClickMe human alignment; Psychophysics (rapid categorisation)), 10 (Synthetic ClickMe-format set), 4 (Shortcut demo (synthetic); Psychophysics stand-in (synthetic))",
    );
    let err: unknown;
    try {
      eligibleBenchmarksOrThrow(7);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("bad_request");
    expect((err as AppError).message).toBe(
      "No benchmark takes a model with 7 output classes: each board evaluates models whose logits are exactly its label " +
        "space. The boards take 1000 (ClickMe human alignment; Psychophysics (rapid categorisation)), 10 (Synthetic ClickMe-format set), 4 (Shortcut demo (synthetic); Psychophysics stand-in (synthetic)) classes.",
    );
    expect((err as AppError).details).toEqual({ fields: [{ field: "num_classes", message: (err as AppError).message }] });
    expect(noBenchmarkMessage(4, ["synthetic"])).toMatch(/^No benchmark among the benchmarks asked for \(synthetic\) takes a model with 4/);
    expect(eligibleBenchmarksOrThrow(1000).map((b) => b.id)).toEqual(["clickme", "psychophysics"]);
  });
});
