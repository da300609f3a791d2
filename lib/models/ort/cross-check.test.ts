import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadModel } from "@/lib/models/load";
import { onnxFixtures } from "@/lib/submissions/testing/onnx-fixtures";
import { initBackend } from "@/lib/tf/backend";
import { crossCheckOnnx, describeMismatch, type CheckedCrossCheck } from "./cross-check";

const SIZE = 224;
const N = 2;

function images(): Float32Array {
  let s = 7;
  return Float32Array.from({ length: N * SIZE * SIZE * 3 }, () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1);
}

async function importerLogits(file: string, x: Float32Array) {
  const model = await loadModel(file, { numClasses: 10 });
  try {
    expect(model.format).toBe("onnx");
    return (await model.computeSaliency(x, new Int32Array(N), N)).logits;
  } finally {
    model.dispose();
  }
}

describe("crossCheckOnnx (onnxruntime-node against the importer, PyTorch-exported CNN)", () => {
  let root: string;
  beforeAll(async () => {
    await initBackend("cpu");
    root = onnxFixtures();
  }, 120_000);

  it("passes on the submitted file (external data) and records the figures", async () => {
    const file = path.join(root, "external", "model.onnx");
    const x = images();
    const before = tf.memory().numTensors;
    const check = await crossCheckOnnx({ file, outputName: null, images: x, n: N, size: SIZE, ours: await importerLogits(file, x), numClasses: 10 });
    expect(check).toMatchObject({ status: "passed", images: N, relative_tolerance: 1e-3, first_diverging_node: null, engine: expect.stringMatching(/^onnxruntime-node \d/) });
    const c = check as CheckedCrossCheck;
    expect(c.max_abs_diff).toBeLessThan(c.tolerance / 10);
    expect(c.max_abs_logit).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it("fails on a mismatch and names the first diverging node (the convolution whose weight differs)", async () => {
    const imported = path.join(root, "external", "model.onnx");
    const x = images();
    const check = await crossCheckOnnx({
      file: path.join(root, "perturbed", "model.onnx"), importedFile: imported,
      outputName: null, images: x, n: N, size: SIZE, ours: await importerLogits(imported, x), numClasses: 10,
    });
    expect(check.status).toBe("failed");
    const c = check as CheckedCrossCheck;
    expect(c.max_abs_diff).toBeGreaterThan(c.tolerance);
    expect(c.first_diverging_node).toMatchObject({ op_type: "Conv", name: "/4/Conv" });
    expect(describeMismatch(c)).toMatch(/first diverging node is "\/4\/Conv" \(Conv\)/);
  }, 60_000);
});
