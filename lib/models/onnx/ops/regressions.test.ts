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

describe("transposeFast", () => {
  it("equals tf.transpose for every permutation of a rank-5 tensor and for rank-6 window partitions", async () => {
    const { transposeFast } = await import("./transpose");
    const x = tf.tensor(Float32Array.from({ length: 2 * 3 * 4 * 5 * 6 }, (_, i) => i), [2, 3, 4, 5, 6]);
    const perms: number[][] = [];
    const permute = (rest: number[], acc: number[]) => (rest.length ? rest.forEach((a) => permute(rest.filter((b) => b !== a), [...acc, a])) : perms.push(acc));
    permute([0, 1, 2, 3, 4], []);
    for (const p of perms) {
      const got = transposeFast(x, p);
      expect(got.shape, String(p)).toEqual(p.map((a) => x.shape[a]));
      expect(Array.from(got.dataSync()), String(p)).toEqual(Array.from(tf.transpose(x, p).dataSync()));
      got.dispose();
    }
    const w = tf.tensor(Float32Array.from({ length: 2 * 2 * 3 * 2 * 3 * 4 }, (_, i) => i), [2, 2, 3, 2, 3, 4]);
    expect(Array.from(transposeFast(w, [0, 1, 3, 2, 4, 5]).dataSync())).toEqual(Array.from(tf.transpose(w, [0, 1, 3, 2, 4, 5]).dataSync()));
  });
});

describe("shape-only subgraphs", () => {
  it("are computed once per input shape: Shape → Gather → Concat → Reshape of a dynamic batch", () => {
    const spec = {
      inputs: [valueInfo("x", ONNX_FLOAT, ["batch", 2, 3])],
      outputs: [valueInfo("y", ONNX_FLOAT, ["batch", 6])],
      initializers: [int64Tensor("zero", [1], [0]), int64Tensor("minus1", [1], [-1])],
      nodes: [
        node("Shape", ["x"], ["s"]),
        node("Gather", ["s", "zero"], ["b"]),
        node("Concat", ["b", "minus1"], ["shape"], { axis: 0 }),
        node("Reshape", ["x", "shape"], ["r"]),
        node("Relu", ["r"], ["y"]),
      ],
    };
    const exec = new OnnxExecutor(readOnnx(encodeModel(spec)));
    try {
      expect([...exec.shapeNodes].map((n) => n.opType)).toEqual(["Shape", "Gather", "Concat"]);
      const x2 = tf.tensor3d(Float32Array.from({ length: 12 }, (_, i) => i - 6), [2, 2, 3]);
      const x3 = tf.tensor3d(Float32Array.from({ length: 18 }, (_, i) => 6 - i), [3, 2, 3]);
      const y = (x: tf.Tensor) => tf.tidy(() => exec.run({ x }, ["y"])[0].arraySync());
      const first = y(x2);
      const before = tf.memory().numTensors;
      expect(y(x2)).toEqual(first);
      expect(tf.memory().numTensors).toBe(before);
      expect(first).toEqual([[0, 0, 0, 0, 0, 0], [0, 1, 2, 3, 4, 5]]);
      expect(y(x3)).toEqual([[6, 5, 4, 3, 2, 1], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]]);
      expect(y(x2)).toEqual(first);
      x2.dispose();
      x3.dispose();
    } finally {
      exec.dispose();
    }
  });
});
