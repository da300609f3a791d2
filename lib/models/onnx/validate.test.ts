import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOnnxForSaliency } from "./execute";
import { SUPPORTED_OPS } from "./ops";
import { readOnnx } from "./read";
import { ONNX_OPSET_RANGE, SUPPORTED_ONNX_OPS } from "./supported-ops";
import { encodeModel, floatTensor, node, ONNX_FLOAT, ONNX_UINT8, tinyClassifier, valueInfo, type ModelSpec } from "./testing/build-model";
import { expectInvalid } from "./testing/expect-invalid";
import { validateOnnx } from "./validate";

const tmp = mkdtempSync(path.join(os.tmpdir(), "onnx-validate-"));
beforeAll(async () => {
  await tf.setBackend("cpu");
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function validate(spec: ModelSpec, opts: { numClasses?: number; outputName?: string } = {}) {
  return validateOnnx(readOnnx(encodeModel(spec)), opts);
}

describe("validateOnnx", () => {
  it("accepts the tiny classifier and reports its input, layout and classes", () => {
    expect(validate(tinyClassifier(), { numClasses: 5 })).toEqual({ inputName: "input", outputName: "logits", layout: "NCHW", inputSize: 8, numClasses: 5 });
  });

  it("refuses opsets outside 11–18, saying which are allowed", () => {
    expect(ONNX_OPSET_RANGE).toEqual({ min: 11, max: 18 });
    expectInvalid(() => validate(tinyClassifier({ opset: 10 })), /^ONNX opset 10 is not supported; export with opset 11–18$/);
    expectInvalid(() => validate(tinyClassifier({ opset: 19 })), /^ONNX opset 19 is not supported; export with opset 11–18$/);
    expect(validate(tinyClassifier({ opset: 11 })).inputSize).toBe(8);
    expect(validate(tinyClassifier({ opset: 18 })).inputSize).toBe(8);
  });

  it("lists every unsupported op with its nodes in one error, and the supported list", () => {
    const spec = tinyClassifier();
    spec.nodes = [
      node("Conv", ["input", "w", "b"], ["c"], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }),
      node("NonMaxSuppression", ["c"], ["n1"], {}, "nms_a"),
      node("NonMaxSuppression", ["n1"], ["n2"], {}, "nms_b"),
      { ...node("FusedConv", ["n2"], ["r"], {}, "fused"), domain: "com.microsoft" },
      node("Relu", ["r"], ["r2"]),
      node("TopK", ["r2"], ["p"], {}, "topk"),
      node("Flatten", ["p"], ["f"]),
      node("Gemm", ["f", "fc", "fcb"], ["logits"], { transB: 1 }),
    ];
    let message = "";
    try {
      validate(spec);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^unsupported ONNX ops: NonMaxSuppression \(nodes: nms_a, nms_b\); com\.microsoft\.FusedConv \(nodes: fused\); TopK \(nodes: topk\)\. Supported ops: /);
    expect(message).toContain(`Supported ops: ${SUPPORTED_OPS.join(", ")}`);
  });

  it("refuses several image inputs, and none", () => {
    const spec = tinyClassifier();
    spec.inputs = [valueInfo("input", ONNX_FLOAT, ["batch", 3, 8, 8]), valueInfo("second", ONNX_FLOAT, ["batch", 3, 8, 8])];
    expectInvalid(() => validate(spec), /^the model must have exactly one input \(not an initializer\); it has 2: input, second$/);
    spec.inputs = [];
    expectInvalid(() => validate(spec), /it has 0: none$/);
  });

  it("ignores initializers listed as graph inputs (old exporters)", () => {
    const spec = tinyClassifier();
    spec.inputs = [valueInfo("input", ONNX_FLOAT, [1, 3, 8, 8]), valueInfo("w", ONNX_FLOAT, [4, 3, 3, 3])];
    expect(validate(spec).inputName).toBe("input");
  });

  it("refuses non-float inputs and shapes that are not one image batch", () => {
    const spec = tinyClassifier();
    spec.inputs = [valueInfo("input", ONNX_UINT8, ["batch", 3, 8, 8])];
    expectInvalid(() => validate(spec), /^input "input" must be float32; it is uint8$/);
    for (const [shape, shown] of [[[2, 3, 8, 8], "[2, 3, 8, 8]"], [["batch", 1, 8, 8], "[batch, 1, 8, 8]"], [["batch", 3, "h", "w"], "[batch, 3, h, w]"], [[3, 8, 8], "[3, 8, 8]"]] as const) {
      spec.inputs = [valueInfo("input", ONNX_FLOAT, [...shape])];
      expectInvalid(() => validate(spec), new RegExp(`must have shape \\[N,3,H,W\\] or \\[N,H,W,3\\] with N symbolic or 1 and H, W fixed; it is ${shown.replace(/[[\]]/g, "\\$&")}$`));
    }
    spec.inputs = [valueInfo("input", ONNX_FLOAT, ["batch", 3, 8, 6])];
    expectInvalid(() => validate(spec), /^input "input" must be square; it is 8×6$/);
    spec.inputs = [valueInfo("input", ONNX_FLOAT, ["batch", 8, 8, 3])];
    expect(validate(spec).layout).toBe("NHWC");
  });

  it("refuses a declared class count other than the submission's", () => {
    expectInvalid(() => validate(tinyClassifier({ classes: 7 }), { numClasses: 1000 }), /^output "logits" has 7 classes; expected 1000$/);
  });

  it("needs the logits output named when there are several, and refuses an unknown name", () => {
    const spec = tinyClassifier();
    spec.outputs = [valueInfo("logits", ONNX_FLOAT, ["batch", 5]), valueInfo("p", ONNX_FLOAT, ["batch", 4, 1, 1])];
    expectInvalid(() => validate(spec), /^the model has 2 outputs \(logits, p\); name the logits output$/);
    expect(validate(spec, { outputName: "logits" }).outputName).toBe("logits");
    expectInvalid(() => validate(spec, { outputName: "probs" }), /^output "probs" not found; the model's outputs are logits, p$/);
  });

  it("refuses NaN and Infinity in weights and constants", () => {
    const spec = tinyClassifier();
    const w = Array.from({ length: 108 }, () => 0.1);
    w[17] = NaN;
    spec.initializers = [floatTensor("w", [4, 3, 3, 3], w), ...spec.initializers!.slice(1)];
    expectInvalid(() => validate(spec), /^weight "w" contains NaN at index 17$/);
    w[17] = -Infinity;
    spec.initializers[0] = floatTensor("w", [4, 3, 3, 3], w);
    expectInvalid(() => validate(spec), /^weight "w" contains Infinity at index 17$/);
    const c = tinyClassifier();
    c.nodes = [node("Constant", [], ["k"], { value: { tensor: floatTensor("", [2], [1, Infinity]) } }, "bad_const"), ...c.nodes];
    expectInvalid(() => validate(c), /^weight "bad_const \(Constant\)" contains Infinity at index 1$/);
  });
});

describe("loadOnnxForSaliency", () => {
  function write(spec: ModelSpec, name: string): string {
    const file = path.join(tmp, `${name}.onnx`);
    writeFileSync(file, encodeModel(spec));
    return file;
  }

  it("finds the class count by running the graph when the output shape is not declared, and checks it", async () => {
    const spec = tinyClassifier({ classes: 6 });
    spec.outputs = [valueInfo("logits", ONNX_FLOAT, null)];
    const file = write(spec, "undeclared");
    const before = tf.memory().numTensors;
    await expect(loadOnnxForSaliency(file, { numClasses: 1000 })).rejects.toThrow(/^the model outputs 6 classes; expected 1000$/);
    expect(tf.memory().numTensors).toBe(before);
    const m = await loadOnnxForSaliency(file, {});
    try {
      expect(m).toMatchObject({ inputSize: 8, numClasses: 6, opset: 17, producer: "build-model.ts 1", paramCount: 108 + 4 + 24 + 6 });
      expect(m.weightsHash).toMatch(/^[0-9a-f]{64}$/);
      const y = tf.tidy(() => m.logits(tf.ones([3, 8, 8, 3]) as tf.Tensor4D).arraySync() as number[][]);
      expect(y).toHaveLength(3);
      expect(y[0]).toHaveLength(6);
      expect(y[1]).toEqual(y[0]);
    } finally {
      m.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it("computes the logits of the tiny classifier by hand (NHWC in, channels moved to ONNX's NCHW)", async () => {
    const m = await loadOnnxForSaliency(write(tinyClassifier({ classes: 2 }), "hand"), { numClasses: 2 });
    // Channel c of the image is constant c+1: each conv output sums 3×3 taps over padded borders.
    const x = tf.tensor4d(Float32Array.from({ length: 64 * 3 }, (_, i) => (i % 3) + 1), [1, 8, 8, 3]);
    const got = tf.tidy(() => m.logits(x).dataSync());
    const w = Array.from({ length: 108 }, (_, i) => Math.sin(i * 0.7) * 0.3);
    const b = [0.1, -0.1, 0.2, 0];
    const pooled = [0, 1, 2, 3].map((o) => {
      let total = 0;
      for (let y = 0; y < 8; y++) for (let xx = 0; xx < 8; xx++) {
        let s = b[o];
        for (let c = 0; c < 3; c++) for (let ky = 0; ky < 3; ky++) for (let kx = 0; kx < 3; kx++) {
          const iy = y + ky - 1, ix = xx + kx - 1;
          if (iy >= 0 && iy < 8 && ix >= 0 && ix < 8) s += w[((o * 3 + c) * 3 + ky) * 3 + kx] * (c + 1);
        }
        total += Math.max(0, s);
      }
      return total / 64;
    });
    const fc = Array.from({ length: 8 }, (_, i) => Math.cos(i * 1.3));
    const want = [0, 1].map((k) => pooled.reduce((a, p, j) => a + p * fc[k * 4 + j], 0.05));
    expect(Array.from(got)[0]).toBeCloseTo(want[0], 5);
    expect(Array.from(got)[1]).toBeCloseTo(want[1], 5);
    x.dispose();
    m.dispose();
  });
});

describe("SUPPORTED_ONNX_OPS", () => {
  it("documents exactly the ops the importer implements, each with notes", () => {
    expect(SUPPORTED_ONNX_OPS.map((o) => o.op).sort()).toEqual([...SUPPORTED_OPS]);
    for (const o of SUPPORTED_ONNX_OPS) expect(o.notes.length, o.op).toBeGreaterThan(5);
  });
});
