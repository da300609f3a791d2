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
