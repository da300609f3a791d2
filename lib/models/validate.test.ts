import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateModelDirectory } from "@/lib/models/validate";
import { tinyGraphModel, tinyLayersModel, writeModelDir, type ModelFiles } from "@/lib/uploads/fixtures/tiny-models";

let root: string;
let n = 0;
const write = (model: ModelFiles) => writeModelDir(path.join(root, `m${n++}`), model);
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const weightBuffer = (m: ModelFiles) => Buffer.concat((m.modelJson.weightsManifest as { paths: string[] }[]).flatMap((g) => g.paths.map((p) => m.files[p])));

/** A TF.js IOHandler over in-memory files, so the fixtures are proven loadable by TF.js itself. */
function fromFiles(m: ModelFiles): tf.io.IOHandler {
  const json = m.modelJson as unknown as tf.io.ModelJSON;
  const data = weightBuffer(m);
  const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
  return tf.io.fromMemory({
    modelTopology: json.modelTopology, weightSpecs, format: json.format,
    weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.length) as ArrayBuffer,
  });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "validate-"));
  await tf.setBackend("cpu");
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("validateModelDirectory on valid models", () => {
  it("accepts a layers model and reports its facts", async () => {
    const model = tinyLayersModel({ softmax: true, shards: 3 });
    const v = await validateModelDirectory(await write(model));
    expect(v.format).toBe("layers");
    expect(v.inputShape).toEqual([null, 224, 224, 3]);
    expect(v.numClasses).toBe(1000);
    expect(v.lastLayerSoftmax).toBe(true);
    expect(v.logitsNode).toBeNull();
    expect(v.paramCount).toBe(3 * 3 * 3 * 2 + 2 + 2 * 1000 + 1000);
    expect(v.weightPaths).toEqual(["group1-shard1of3.bin", "group1-shard2of3.bin", "group1-shard3of3.bin"]);
    expect(v.weightsHash).toBe(sha256(weightBuffer(model)));
    expect(v.totalBytes).toBe(weightBuffer(model).length + JSON.stringify(model.modelJson).length);
  });

  it("accepts a graph model with its logits node and sees the softmax after it", async () => {
    const model = tinyGraphModel();
    const v = await validateModelDirectory(await write(model), { logitsNode: "logits:0" });
    expect(v).toMatchObject({ format: "graph", numClasses: 1000, lastLayerSoftmax: true, logitsNode: "logits", paramCount: 2 + 3000 + 1000 });
    expect(v.inputShape).toEqual([null, 224, 224, 3]);
    expect(v.weightsHash).toBe(sha256(weightBuffer(model)));
  });

  it("accepts a linear-output layers model for another class count", async () => {
    const v = await validateModelDirectory(await write(tinyLayersModel({ classes: 10 })), { numClasses: 10 });
    expect(v.lastLayerSoftmax).toBe(false);
    expect(v.numClasses).toBe(10);
  });

  it("accepts what TF.js model.save writes, with the param count TF.js reports", async () => {
    const input = tf.input({ shape: [224, 224, 3] });
    const conv = tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 16, activation: "relu" }).apply(input);
    const bn = tf.layers.batchNormalization().apply(conv);
    const pooled = tf.layers.globalAveragePooling2d({}).apply(bn);
    const logits = tf.layers.dense({ units: 1000 }).apply(pooled);
    const probs = tf.layers.activation({ activation: "softmax" }).apply(logits) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: probs });
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: "JSON" } };
    }));
    const dir = path.join(root, "saved");
    const data = Buffer.from(artifacts!.weightData as ArrayBuffer);
    await writeModelDir(dir, {
      modelJson: { format: "layers-model", modelTopology: artifacts!.modelTopology, weightsManifest: [{ paths: ["weights.bin"], weights: artifacts!.weightSpecs }] },
      files: { "weights.bin": data },
    });
    const v = await validateModelDirectory(dir);
    expect(v.paramCount).toBe(model.countParams());
    expect(v.lastLayerSoftmax).toBe(true);
    expect(v.numClasses).toBe(1000);
    model.dispose();
  });

  it("uses fixtures that TF.js itself loads and runs to 1000 logits", async () => {
    const layers = await tf.loadLayersModel(fromFiles(tinyLayersModel()));
    const x = tf.zeros([1, 224, 224, 3]);
    expect((layers.predict(x) as tf.Tensor).shape).toEqual([1, 1000]);
    const graph = await tf.loadGraphModel(fromFiles(tinyGraphModel()));
    const logits = graph.execute(x, "logits") as tf.Tensor;
    expect(logits.shape).toEqual([1, 1000]);
    const probs = graph.execute(x, "probs") as tf.Tensor;
    expect(probs.sum().dataSync()[0]).toBeCloseTo(1, 4);
    tf.dispose([x, logits, probs]);
    layers.dispose();
  });

  it("hashes weights, not file names or model.json formatting", async () => {
    const model = tinyLayersModel();
    const a = await validateModelDirectory(await write(model));
    const dir = await write(model);
    await writeFile(path.join(dir, "model.json"), JSON.stringify(model.modelJson, null, 2));
    const b = await validateModelDirectory(dir);
    expect(b.weightsHash).toBe(a.weightsHash);
    const flipped = tinyLayersModel();
    flipped.files["group1-shard1of1.bin"][100] ^= 1;
    expect((await validateModelDirectory(await write(flipped))).weightsHash).not.toBe(a.weightsHash);
  });
});

describe("validateModelDirectory on other layer-model dialects", () => {
  const dense = (name: string, units: number, inbound: unknown, activation = "linear") =>
    ({ class_name: "Dense", name, config: { name, units, activation }, inbound_nodes: inbound });
  const keras3 = (from: string) => [{ args: [{ class_name: "__keras_tensor__", config: { keras_history: [from, 0, 0] } }], kwargs: {} }];
  const withTopology = (modelTopology: unknown): ModelFiles => {
    const m = tinyLayersModel();
    return { modelJson: { ...m.modelJson, format: undefined, modelTopology }, files: m.files };
  };

  it("reads Keras 3 functional configs (batch_shape, keras_history) inside model_config", async () => {
    const topology = { keras_version: "3.3.3", model_config: { class_name: "Functional", config: {
      name: "k3", input_layers: ["image", 0, 0], output_layers: ["probs", 0, 0],
      layers: [
        { class_name: "InputLayer", name: "image", config: { name: "image", batch_shape: [null, null, null, 3] }, inbound_nodes: [] },
        dense("logits", 1000, keras3("image")),
        { class_name: "Activation", name: "probs", config: { name: "probs", activation: "softmax" }, inbound_nodes: keras3("logits") },
      ] } } };
    const v = await validateModelDirectory(await write(withTopology(topology)));
    expect(v).toMatchObject({ format: "layers", inputShape: [null, null, null, 3], numClasses: 1000, lastLayerSoftmax: true });
  });

  it("follows a MobileNet-style tail (1×1 Conv2D → Reshape → Softmax) and a nested base model", async () => {
    const base = { class_name: "Functional", config: { name: "base", input_layers: [["in", 0, 0]], output_layers: [["in", 0, 0]],
      layers: [{ class_name: "InputLayer", name: "in", config: { name: "in", batch_input_shape: [null, 224, 224, 3] }, inbound_nodes: [] }] } };
    const topology = { class_name: "Sequential", config: [
      base,
      { class_name: "Conv2D", config: { name: "conv_preds", filters: 1000, activation: "linear" } },
      { class_name: "Reshape", config: { name: "reshape", target_shape: [1000] } },
      { class_name: "Softmax", config: { name: "act_softmax" } },
    ] };
    const v = await validateModelDirectory(await write(withTopology(topology)));
    expect(v).toMatchObject({ inputShape: [null, 224, 224, 3], numClasses: 1000, lastLayerSoftmax: true });
  });

  it("names the offending layer when the model ends in something other than class logits", async () => {
    const topology = { class_name: "Sequential", config: { layers: [
      { class_name: "InputLayer", config: { name: "in", batch_input_shape: [null, 224, 224, 3] } },
      { class_name: "GlobalAveragePooling2D", config: { name: "gap" } },
    ] } };
    await expect(validateModelDirectory(await write(withTopology(topology)))).rejects.toThrow(
      "the model output comes from the 'GlobalAveragePooling2D' layer 'gap'; it must end in a Dense");
  });
});

describe("validateModelDirectory on the directory itself", () => {
  it("rejects symlinks, too many files and oversized files with the limit in the message", async () => {
    const { symlink } = await import("node:fs/promises");
    const limits = { maxFiles: 3, maxFileBytes: 20_000, maxTotalBytes: 1 << 20, maxModelJsonBytes: 1 << 20, maxCompressionRatio: 100 };
    const linked = await write(tinyLayersModel());
    await symlink("/etc/passwd", path.join(linked, "extra.txt"));
    await expect(validateModelDirectory(linked, { limits })).rejects.toThrow("'extra.txt' is a symbolic link");
    const many = await write({ ...tinyLayersModel(), files: { ...tinyLayersModel().files, "a.txt": Buffer.from("a"), "b.txt": Buffer.from("b") } });
    await expect(validateModelDirectory(many, { limits })).rejects.toThrow("more than 3 files");
    await expect(validateModelDirectory(await write(tinyLayersModel()), { limits: { ...limits, maxFileBytes: 8192 } }))
      .rejects.toMatchObject({ code: "invalid_model", message: "'group1-shard1of1.bin' is 11.9 KiB; each file may be at most 8 KiB" });
  });
});
