/**
 * The evaluate command on the native engine (onnxruntime on the gradient graph) against the tfjs importer on the same
 * ONNX file and split: same scores within float32 rounding, and provenance naming the engine that computed them.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSyntheticDataset } from "@/lib/datasets/synthetic/write-dataset";
import { encodeModel, floatTensor, node, ONNX_FLOAT, valueInfo } from "@/lib/models/onnx/testing/build-model";
import { tinyGraphModel, tinyLayersModel, writeModelDir } from "@/lib/uploads/fixtures/tiny-models";
import { parseEvaluateArgs } from "./cli-args";
import { runEvaluateCommand } from "./command";

const quiet = { progress: () => ({ update() {}, tick() {}, finish() {} }) };
let root: string;
let dataDir: string;
let onnxFile: string;

/** Conv 3×3 stride 4 (6 filters) → Relu → MaxPool 2×2 → GlobalAveragePool → Flatten → Gemm(10): every kind of node a small CNN has. */
function smallCnn(): Uint8Array {
  const w = Array.from({ length: 6 * 3 * 9 }, (_, i) => Math.sin(i * 0.37) * 0.4);
  const fc = Array.from({ length: 10 * 6 }, (_, i) => Math.cos(i * 1.7));
  return encodeModel({
    opset: 17,
    inputs: [valueInfo("input", ONNX_FLOAT, ["batch", 3, 224, 224])],
    outputs: [valueInfo("logits", ONNX_FLOAT, ["batch", 10])],
    initializers: [
      floatTensor("w", [6, 3, 3, 3], w),
      floatTensor("b", [6], [0.1, -0.2, 0.05, 0, 0.3, -0.1]),
      floatTensor("fc", [10, 6], fc),
      floatTensor("fcb", [10], new Array(10).fill(0.01)),
    ],
    nodes: [
      node("Conv", ["input", "w", "b"], ["c"], { kernel_shape: [3, 3], strides: [4, 4], pads: [1, 1, 1, 1] }),
      node("Relu", ["c"], ["r"]),
      node("MaxPool", ["r"], ["m"], { kernel_shape: [2, 2], strides: [2, 2] }),
      node("GlobalAveragePool", ["m"], ["p"]),
      node("Flatten", ["p"], ["f"]),
      node("Gemm", ["f", "fc", "fcb"], ["logits"], { transB: 1 }),
    ],
  });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "native-engine-"));
  dataDir = path.join(root, "data");
  await writeSyntheticDataset({ out: dataDir, n: 6, seed: 3, shardSize: 3 });
  onnxFile = path.join(root, "model.onnx");
  await writeFile(onnxFile, smallCnn());
});
afterAll(() => rm(root, { recursive: true, force: true }));

const evaluate = (model: string, backend: string, extra: string[] = []) =>
  runEvaluateCommand(
    parseEvaluateArgs([
      "--model",
      model,
      "--data",
      dataDir,
      "--benchmark",
      "synthetic",
      "--backend",
      backend,
      "--batch-size",
      "2",
      ...extra,
    ]),
    quiet,
  );

describe("the evaluate command on the native engine", () => {
  it("scores an ONNX model on onnxruntime like the tfjs importer does, and says so in provenance", async () => {
    const native = await evaluate(onnxFile, "ort", ["--threads", "1"]);
    const tfjs = await evaluate(onnxFile, "wasm");
    expect(native.backend).toEqual({ name: "ort", version: expect.stringMatching(/^onnxruntime-node \d+\.\d+\.\d+$/), threads: 1 });
    expect(native.provenance.backend).toEqual(native.backend);
    expect(tfjs.backend.name).toBe("wasm");
    expect(native.provenance.weights_hash).toBe(tfjs.provenance.weights_hash);
    expect(native.n_images).toBe(6);
    for (const [i, row] of native.per_image.entries()) {
      const other = tfjs.per_image[i];
      expect(row.index).toBe(other.index);
      expect(row.correct).toBe(other.correct);
      // Two float32 engines: the saliency maps agree to rounding, so ρ does to ~1e-6 (measured; bound 1e-4).
      expect(Math.abs(row.spearman! - other.spearman!)).toBeLessThan(1e-4);
    }
    expect(Math.abs(native.alignment_score! - tfjs.alignment_score!)).toBeLessThan(1e-4);
  }, 120_000);

  it("runs TF.js layers and graph models natively (translated), as the tfjs engine scores them", async () => {
    const layersDir = await writeModelDir(path.join(root, "tfjs-layers"), tinyLayersModel({ classes: 10 }));
    const layers = await evaluate(layersDir, "ort");
    const onTfjs = await evaluate(layersDir, "wasm");
    expect(layers.backend).toMatchObject({ name: "ort", threads: expect.any(Number) });
    expect(layers.provenance).toMatchObject({ model_format: "layers", weights_hash: onTfjs.provenance.weights_hash });
    for (const [i, row] of layers.per_image.entries()) expect(Math.abs(row.spearman! - onTfjs.per_image[i].spearman!)).toBeLessThan(1e-4);
    const graphDir = await writeModelDir(path.join(root, "tfjs-graph"), tinyGraphModel({ classes: 10 }));
    const graph = await evaluate(graphDir, "ort", ["--logits-node", "logits"]);
    const graphOnTfjs = await evaluate(graphDir, "wasm", ["--logits-node", "logits"]);
    expect(graph.backend).toMatchObject({ name: "ort", threads: expect.any(Number) });
    expect(graph.backend.native_fallback).toBeUndefined();
    expect(graph.provenance.backend).toEqual(graph.backend);
    expect(graph.provenance).toMatchObject({ model_format: "graph", weights_hash: graphOnTfjs.provenance.weights_hash });
    expect(graph.n_images).toBe(6);
    for (const [i, row] of graph.per_image.entries()) {
      expect(row.correct).toBe(graphOnTfjs.per_image[i].correct);
      expect(Math.abs(row.spearman! - graphOnTfjs.per_image[i].spearman!)).toBeLessThan(1e-4);
    }
  }, 120_000);

  it("keeps a graph model with an op it does not translate on tfjs, naming the node", async () => {
    const model = tinyGraphModel({ classes: 10 });
    const topology = model.modelJson.modelTopology as { node: { name: string; op: string; input?: string[]; attr?: object }[] };
    // The image goes through a Cumsum (not translated) before the mean: the graph still runs on tfjs.
    topology.node.splice(1, 0, {
      name: "cumsum/axis",
      op: "Const",
      attr: { value: { tensor: { dtype: "DT_INT32", tensorShape: {} } }, dtype: { type: "DT_INT32" } },
    });
    topology.node.splice(2, 0, {
      name: "my_cumsum",
      op: "Cumsum",
      input: ["input", "cumsum/axis"],
      attr: { T: { type: "DT_FLOAT" }, Tidx: { type: "DT_INT32" }, exclusive: { b: false }, reverse: { b: false } },
    });
    topology.node.find((n) => n.name === "mean")!.input![0] = "my_cumsum";
    const manifest = model.modelJson.weightsManifest as { weights: object[] }[];
    manifest[0].weights.push({ name: "cumsum/axis", shape: [], dtype: "int32" });
    const shard = "group1-shard1of1.bin";
    model.files[shard] = Buffer.concat([model.files[shard], Buffer.from(Int32Array.of(3).buffer)]);
    const graphDir = await writeModelDir(path.join(root, "tfjs-graph-cumsum"), model);
    const graph = await evaluate(graphDir, "ort", ["--logits-node", "logits"]);
    expect(graph.backend.name).toMatch(/^(wasm|tensorflow|cpu)$/);
    expect(graph.backend.native_fallback).toMatch(
      /^the graph model could not be run natively: node "my_cumsum" \(Cumsum\): this op is not translated/,
    );
    expect(graph.n_images).toBe(6);
  }, 120_000);
});
