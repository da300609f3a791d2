/**
 * TF.js graph models translated to ONNX against tfjs's own graph executor (the independent reference of TF semantics):
 * logits of every op family to 1e-4 relative on onnxruntime, then the native engine's saliency maps (gradient graph in
 * onnxruntime) against the tfjs graph path's, per-image ρ ≥ 0.999, at 224² for MobileNetV2- and ResNet-shaped graphs.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/metrics/prng";
import { spearman } from "@/lib/metrics/spearman";
import { writeModelFiles } from "@/lib/models/io-handler";
import { loadModel } from "@/lib/models/load";
import { prepareGraphArtifacts } from "@/lib/models/load-graph";
import { compareLogits } from "@/lib/models/ort/compare-logits";
import { loadOnnxRuntime } from "@/lib/models/ort/runtime";
import { initBackend } from "@/lib/tf/backend";
import { GraphBuilder } from "./testing/graph-builder";
import { classTokenFamily, convFamily, elementwiseFamily, mobileNetV2Shaped, resNetShaped, vitFamily, type Fixture } from "./testing/fixtures";
import { GraphTranslationError, INPUT_NAME, LOGITS_NAME, translateGraphModel } from "./translate";

const CLASSES = 10;
const native = { provider: "cpu" as const, threads: 2 };
let tmp: string;
beforeAll(async () => {
  await initBackend("wasm");
  tmp = await mkdtemp(path.join(os.tmpdir(), "graph-onnx-"));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

const images = (n: number, size: number, seed: number) => {
  const r = mulberry32(seed);
  return Float32Array.from({ length: n * size * size * 3 }, (_, i) => 0.5 + 0.4 * Math.sin(i * 0.0021 + (i % 3)) * r());
};

/** tfjs executes the converter's artifacts as written (fused nodes included); the translator gets them unfused. */
async function forwardAgrees({ g, logits }: Fixture, n = 2) {
  const { artifacts } = g.build(logits);
  const x = images(n, g.size, 7);
  const model = await tf.loadGraphModel(tf.io.fromMemory(artifacts));
  const input = tf.tensor4d(x, [n, g.size, g.size, 3]);
  const out = model.execute({ input }, logits) as tf.Tensor;
  const expected = out.dataSync() as Float32Array;
  tf.dispose([input, out]);
  model.dispose();
  const before = tf.memory().numTensors;
  const bytes = translateGraphModel(prepareGraphArtifacts(artifacts), { logitsNode: logits, inputSize: g.size });
  expect(tf.memory().numTensors).toBe(before);
  const ort = loadOnnxRuntime();
  const session = await ort.InferenceSession.create(bytes);
  try {
    const result = await session.run({ [INPUT_NAME]: new ort.Tensor("float32", x, [n, g.size, g.size, 3]) });
    const got = result[LOGITS_NAME];
    expect(got.dims).toEqual([n, CLASSES]);
    const agreement = compareLogits(got.data as Float32Array, expected, n, CLASSES);
    expect(agreement.max_abs_logit).toBeGreaterThan(0.01);
    expect(agreement.max_abs_diff, JSON.stringify(agreement)).toBeLessThan(1e-4 * Math.max(1, agreement.max_abs_logit));
  } finally {
    await session.release();
  }
}

async function write({ g, logits }: Fixture, name: string): Promise<string> {
  const dir = path.join(tmp, name);
  const { modelJson, weightData } = g.build(logits);
  await writeModelFiles(dir, modelJson, weightData);
  return dir;
}

/** loadModel with and without the native engine on the same files: same identity, logits and saliency ranks. */
async function saliencyAgrees(fixture: Fixture, name: string) {
  const dir = await write(fixture, name);
  const opts = { numClasses: CLASSES, logitsNode: fixture.logits };
  const onNative = await loadModel(dir, { ...opts, native });
  const onTfjs = await loadModel(dir, opts);
  try {
    expect(onNative.engine?.name, onNative.nativeFallback).toBe("ort");
    expect(onTfjs.engine).toBeUndefined();
    expect([onNative.format, onNative.weightsHash, onNative.paramCount]).toEqual(["graph", onTfjs.weightsHash, onTfjs.paramCount]);
    const n = 2;
    const x = images(n, 224, 5);
    const labels = Int32Array.of(3, 8);
    const a = await onNative.computeSaliency(x, labels, n);
    const b = await onTfjs.computeSaliency(x, labels, n);
    const logits = compareLogits(a.logits, b.logits, n, CLASSES);
    expect(logits.max_abs_diff, JSON.stringify(logits)).toBeLessThan(1e-4 * Math.max(1, logits.max_abs_logit));
    const plane = 224 * 224;
    for (let i = 0; i < n; i++) {
      const rho = spearman(a.saliency.subarray(i * plane, (i + 1) * plane), b.saliency.subarray(i * plane, (i + 1) * plane))!;
      expect(rho, `${name} image ${i}`).toBeGreaterThanOrEqual(0.999);
    }
  } finally {
    onNative.dispose();
    onTfjs.dispose();
  }
}

describe("graph models translated to ONNX compute tfjs's logits", () => {
  it("convolutions, depthwise, batch norm, pooling, padding, concat, squeeze-excite, transpose, reshape", () => forwardAgrees(convFamily(1, 32)));
  it("every elementwise op, constants of every rank, TF-layout meeting NCHW operands", () => forwardAgrees(elementwiseFamily(2, 16)));
  it("a ViT block: layer norm, attention, GELU, strided slices, squeeze/expand, concat", () => forwardAgrees(vitFamily(3, 32)));
  it("a class token brought to the batch size by BroadcastTo or Tile of tf.shape(x)[0], at batch sizes 1 and 3", async () => {
    for (const via of ["BroadcastTo", "Tile"] as const) {
      await forwardAgrees(classTokenFamily(4, 32, via), 1);
      await forwardAgrees(classTokenFamily(4, 32, via), 3);
      await forwardAgrees(classTokenFamily(4, 32, via, true), 2);
    }
  });
  it("the same with Slice for StridedSlice (the saliency fixtures' form)", async () => {
    await forwardAgrees(convFamily(1, 32, true));
    await forwardAgrees(vitFamily(3, 32, true));
  });
  it("MobileNetV2- and ResNet-shaped graphs at 224² (the converter's fused nodes)", async () => {
    await forwardAgrees(mobileNetV2Shaped(4), 1);
    await forwardAgrees(resNetShaped(5), 1);
  }, 60_000);
});

describe("graph models on the native engine agree with the tfjs graph path", () => {
  it.each([
    ["conv", () => convFamily(6, 224, true)],
    ["elementwise", () => elementwiseFamily(7, 224)],
    ["vit", () => vitFamily(8, 224, true)],
    ["mobilenet-v2", () => mobileNetV2Shaped(9)],
    ["resnet", () => resNetShaped(10)],
    ["class token (BroadcastTo)", () => classTokenFamily(13, 224, "BroadcastTo", true)],
    ["class token (Tile)", () => classTokenFamily(14, 224, "Tile", true)],
  ])("%s", (name, build) => saliencyAgrees(build(), name), 120_000);
});

describe("the native engine's gradients where tfjs cannot be the reference", () => {
  /** The saliency at the largest entries and one ordinary pixel against central differences of the true logit. */
  async function agreesWithCentralDifferences(fixture: Fixture, name: string, label: number): Promise<void> {
    const model = await loadModel(await write(fixture, name), { numClasses: CLASSES, logitsNode: fixture.logits, native });
    try {
      expect(model.engine?.name, model.nativeFallback).toBe("ort");
      const x = images(1, 224, 9);
      const { saliency } = await model.computeSaliency(x, Int32Array.of(label), 1);
      const logit = async (v: Float32Array) => (await model.computeLogits!(v, 1))[label];
      const ranked = Array.from(saliency.keys()).sort((a, b) => saliency[b] - saliency[a]);
      for (const pixel of [...ranked.slice(0, 3), 100 * 224 + 50]) {
        const eps = 1e-3;
        const grads = await Promise.all([0, 1, 2].map(async (ch) => {
          const [plus, minus] = [x.slice(), x.slice()];
          plus[pixel * 3 + ch] += eps;
          minus[pixel * 3 + ch] -= eps;
          return ((await logit(plus)) - (await logit(minus))) / (2 * eps);
        }));
        const fd = Math.max(...grads.map(Math.abs));
        expect(Math.abs(saliency[pixel] - fd), `pixel ${pixel}: ${saliency[pixel]} vs ${fd}`).toBeLessThan(0.05 * saliency[ranked[0]] + 1e-3);
      }
    } finally {
      model.dispose();
    }
  }

  it("dilated convolutions, StridedSlice and a spatial Max agree with central differences of the logits", async () => {
    // The Max's argmax is among the three largest entries.
    await agreesWithCentralDifferences(convFamily(11, 224), "conv-fd", 4);
  }, 60_000);

  it("a ViT block with strided slices and a reversed-token StridedSlice (negative stride) agrees with central differences", async () => {
    await agreesWithCentralDifferences(vitFamily(12, 224), "vit-fd", 2);
  }, 60_000);
});

describe("graph translation refuses what it does not translate", () => {
  it("names the node and op it does not translate", () => {
    const g = new GraphBuilder(1, 16);
    const up = g.op("ResizeBilinear", ["input", g.intConst([32, 32])], { align_corners: { b: false } }, "my_resize");
    const { artifacts } = g.build(g.matMul(g.reduce("Mean", up, [1, 2]), 3, CLASSES, "logits"));
    expect(() => translateGraphModel(artifacts, { logitsNode: "logits", inputSize: 16 })).toThrow(GraphTranslationError);
    expect(() => translateGraphModel(artifacts, { logitsNode: "logits", inputSize: 16 })).toThrow(
      /node "my_resize" \(ResizeBilinear\): this op is not translated to ONNX/,
    );
  });

  it("refuses shape arithmetic it does not fold, naming the node", () => {
    const g = new GraphBuilder(1, 16);
    const x = g.conv("input", 3, 3, 4);
    const shape = g.op("Shape", [x], { out_type: { type: "DT_INT32" } });
    const doubled = g.op("Mul", [shape, g.intConst([1, 1, 1, 1])], { T: { type: "DT_INT32" } }, "shape_mul");
    const { artifacts } = g.build(g.matMul(g.reduce("Mean", g.op("Reshape", [x, doubled]), [1, 2]), 4, CLASSES, "logits"));
    expect(() => translateGraphModel(artifacts, { logitsNode: "logits", inputSize: 16 })).toThrow(/node "shape_mul" \(Mul\): shape arithmetic this translator does not fold/);
  });

  it("refuses tiling a tensor computed from the image, and a broadcast that does not fit, naming the node", () => {
    const g = new GraphBuilder(1, 16);
    const x = g.conv("input", 3, 3, 4);
    const tiled = g.op("Tile", [x, g.intConst([1, 2, 1, 1])], { Tmultiples: { type: "DT_INT32" } }, "image_tile");
    const { artifacts } = g.build(g.matMul(g.reduce("Mean", tiled, [1, 2]), 4, CLASSES, "logits"));
    expect(() => translateGraphModel(artifacts, { logitsNode: "logits", inputSize: 16 })).toThrow(/node "image_tile" \(Tile\): tiling a tensor computed from the image/);
    const h = new GraphBuilder(1, 16);
    const wide = h.op("BroadcastTo", [h.random([1, 3]), h.intConst([1, 4])], { Tidx: { type: "DT_INT32" } }, "bad_broadcast");
    const sum = h.op("AddV2", [h.reduce("Mean", "input", [1, 2]), h.op("Slice", [wide, h.intConst([0, 0]), h.intConst([1, 3])], { Index: { type: "DT_INT32" } })]);
    const built = h.build(h.matMul(sum, 3, CLASSES, "logits"));
    expect(() => translateGraphModel(built.artifacts, { logitsNode: "logits", inputSize: 16 })).toThrow(/node "bad_broadcast" \(BroadcastTo\): shape \[1, 3\] does not broadcast to \[1, 4\]/);
  });

  it("refuses attributes it does not cover, naming the node", () => {
    const g = new GraphBuilder(1, 16);
    const conv = g.op("Conv2D", ["input", g.random([3, 3, 3, 4])], { strides: { list: { i: ["1", "1", "1", "1"] } }, padding: { s: "U0FNRQ==" }, data_format: { s: "TkNIVw==" } }, "nchw_conv");
    const { artifacts } = g.build(g.matMul(g.reduce("Mean", conv, [1, 2]), 4, CLASSES, "logits"));
    expect(() => translateGraphModel(artifacts, { logitsNode: "logits", inputSize: 16 })).toThrow(/node "nchw_conv" \(Conv2D\): data_format NCHW/);
  });

  it("ignores nodes off the input→logits path (the Softmax after the logits, an unused untranslatable branch)", async () => {
    const g = new GraphBuilder(2, 16);
    g.op("ResizeBilinear", ["input", g.intConst([32, 32])], {}, "unused_resize");
    await forwardAgrees({ g, logits: g.matMul(g.reduce("Mean", "input", [1, 2]), 3, CLASSES, "logits") });
  });
});
