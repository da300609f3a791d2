/** Bugs the torchvision forward matrix found, each as the smallest graph that shows it. */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { OnnxExecutor } from "../execute";
import { readOnnx } from "../read";
import { encodeModel, int64Tensor, node, ONNX_FLOAT, valueInfo } from "../testing/build-model";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

function run(spec: Parameters<typeof encodeModel>[0], x: tf.Tensor): number[] {
  const exec = new OnnxExecutor(readOnnx(encodeModel(spec)));
  try {
    return tf.tidy(() => Array.from(exec.run({ x }, [spec.outputs[0].name as string])[0].dataSync()));
  } finally {
    exec.dispose();
  }
}

describe("ONNX op regressions", () => {
  it("Slice with an int64 end of −2^63 + 1 (x[::-1], Swin's pad arithmetic) reverses instead of wrapping to 0", () => {
    const spec = {
      inputs: [valueInfo("x", ONNX_FLOAT, [4])],
      outputs: [valueInfo("y", ONNX_FLOAT, [4])],
      initializers: [int64Tensor("starts", [1], [-1]), int64Tensor("ends", [1], [-Number.MAX_SAFE_INTEGER * 1024]), int64Tensor("axes", [1], [0]), int64Tensor("steps", [1], [-1])],
      nodes: [node("Slice", ["x", "starts", "ends", "axes", "steps"], ["y"])],
    };
    expect(run(spec, tf.tensor1d([1, 2, 3, 4]))).toEqual([4, 3, 2, 1]);
  });
});
