import { describe, expect, it } from "vitest";
import { provenanceFields } from "./provenance-card";

const view = { benchmarkId: "clickme", benchmarkVersion: 1, nImages: 10, nUndefined: 0 };
const runField = (run: Parameters<typeof provenanceFields>[0]["run"]) =>
  provenanceFields({ run }, view).find(([label]) => label === "Run")?.[1];

describe("provenanceFields: the run settings", () => {
  it("name the CPU-stage threads where there were any, and say nothing of them otherwise", () => {
    expect(runField({ limit: null, batch_size: 2, workers: 1, cpu_threads: 7 })).toBe("batch 2, 1 process, 7 CPU-stage threads");
    expect(runField({ limit: 100, batch_size: 1, workers: 2, cpu_threads: 1 })).toBe(
      "batch 1, 2 processes, 1 CPU-stage thread, first 100 images",
    );
    expect(runField({ limit: null, batch_size: 2, workers: 1, cpu_threads: 0 })).toBe("batch 2, 1 process");
    // Rows stored before the field existed.
    expect(runField({ limit: null, batch_size: 2, workers: 1 })).toBe("batch 2, 1 process");
    expect(runField(undefined)).toBe("—");
  });
});
