import { describe, expect, it } from "vitest";
import { CrossCheckSchema, describeCrossCheck } from "./cross-check";

const passed = {
  status: "passed",
  engine: "onnxruntime-node 1.30.0",
  relative_tolerance: 1e-3,
  images: 2,
  max_abs_diff: 3.7e-7,
  max_abs_logit: 2.25,
  tolerance: 2.25e-3,
  top1_agreement: 1,
  passed: true,
  first_diverging_node: null,
} as const;

describe("cross-check record", () => {
  it("reads as one line with the figures, the node on a failure, the reason when skipped", () => {
    expect(describeCrossCheck(CrossCheckSchema.parse(passed))).toBe(
      "passed: max |Δlogit| 3.7e-7 ≤ tolerance 0.0022 (0.001 × max |logit| 2.25) on 2 images, onnxruntime-node 1.30.0",
    );
    const failed = {
      ...passed,
      status: "failed",
      passed: false,
      max_abs_diff: 0.9,
      first_diverging_node: { name: "/4/Conv", op_type: "Conv", output: "/4/Conv_output_0", max_abs_diff: 0.5, tolerance: 1e-3 },
    };
    expect(describeCrossCheck(CrossCheckSchema.parse(failed))).toMatch(
      /^failed: max \|Δlogit\| 0\.90 > tolerance .*; first diverging node \/4\/Conv \(Conv\)$/,
    );
    expect(describeCrossCheck({ status: "skipped", engine: null, reason: "onnxruntime-node is not installed", images: 2 })).toBe(
      "skipped: onnxruntime-node is not installed",
    );
    expect(CrossCheckSchema.safeParse({ ...passed, images: 0 }).success).toBe(false);
  });
});
