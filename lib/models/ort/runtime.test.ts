import { describe, expect, it } from "vitest";
import { compareLogits } from "./compare-logits";
import { inputLayout, openOrtSession, runOrtLogits, toNchw } from "./runtime";
import { torchReference } from "./testing/torch-reference";

describe("toNchw", () => {
  it("moves channels first, image by image", () => {
    // 2 images of 2×2 pixels × 3 channels; value = image·100 + pixel·10 + channel
    const nhwc = Float32Array.from({ length: 24 }, (_, i) => Math.floor(i / 12) * 100 + Math.floor((i % 12) / 3) * 10 + (i % 3));
    const nchw = toNchw(nhwc, 2, 2);
    expect(Array.from(nchw.subarray(0, 12))).toEqual([0, 10, 20, 30, 1, 11, 21, 31, 2, 12, 22, 32]);
    expect(nchw[12]).toBe(100);
    expect(nchw[23]).toBe(132);
  });
});

describe("onnxruntime-node on a torch.onnx.export file", () => {
  it("reproduces PyTorch's float64 logits from NHWC inputs (mobilenet_v3_small, opset 13)", async () => {
    const ref = torchReference("mobilenet_v3_small", { opset: 13 });
    const session = await openOrtSession(ref.modelPath);
    try {
      expect(inputLayout(session)).toBe("nchw");
      const logits = await runOrtLogits(session, ref.inputs, ref.n, ref.size);
      const agreement = compareLogits(logits, ref.logits, ref.n, ref.classes);
      expect(agreement.passed).toBe(true);
      expect(agreement.top1_agreement).toBe(1);
      expect(agreement.max_abs_diff).toBeLessThan(1e-4 * Math.max(1, agreement.max_abs_logit));
    } finally {
      await session.release();
    }
  });
});
