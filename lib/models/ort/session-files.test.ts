/**
 * Weights kept in their file (external data) give the same native model as weights inlined into the proto, leave no
 * folder behind, and keep a model's own external data where it is.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeModel, externalTensor, floatTensor, node, ONNX_FLOAT, valueInfo, type ModelSpec } from "@/lib/models/onnx/testing/build-model";
import { decodeGraphSource } from "@/lib/models/onnx/gradient/build";
import { loadNativeOnnxModel, nativeModel } from "./native-saliency";

const CLASSES = 6;
const CHANNELS = 64; // a 64×3×3×3 filter: 6912 bytes, above the 4096 below which weights stay inline
const conv = Float32Array.from({ length: CHANNELS * 27 }, (_, i) => Math.sin(i * 0.37) * 0.2);
const fc = Float32Array.from({ length: CLASSES * CHANNELS }, (_, i) => Math.cos(i * 0.91) * 0.3);

function spec(convWeight = floatTensor("w", [CHANNELS, 3, 3, 3], conv)): ModelSpec {
  return {
    opset: 17,
    inputs: [valueInfo("input", ONNX_FLOAT, ["batch", 3, 16, 16])],
    outputs: [valueInfo("logits", ONNX_FLOAT, ["batch", CLASSES])],
    initializers: [convWeight, floatTensor("b", [CHANNELS], new Float32Array(CHANNELS).fill(0.01)), floatTensor("fc", [CLASSES, CHANNELS], fc)],
    nodes: [
      node("Conv", ["input", "w", "b"], ["c"], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }),
      node("Relu", ["c"], ["r"]),
      node("GlobalAveragePool", ["r"], ["p"]),
      node("Flatten", ["p"], ["f"]),
      node("Gemm", ["f", "fc"], ["logits"], { transB: 1 }),
    ],
  };
}

const images = (n: number) => Float32Array.from({ length: n * 16 * 16 * 3 }, (_, i) => Math.sin(i * 0.05) * 60 + 100);
const native = { provider: "cpu" as const, threads: 1, numClasses: CLASSES };

let dir: string;
let tmp: string;
const savedTmp = process.env.TMPDIR;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "session-files-"));
  // The sessions' private folders (ort-graph-*) go here, so the test can see that none is left behind.
  tmp = mkdtempSync(path.join(os.tmpdir(), "session-tmp-"));
  process.env.TMPDIR = tmp;
});
afterAll(() => {
  process.env.TMPDIR = savedTmp;
  rmSync(dir, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

describe("native sessions with weights left in their file", () => {
  it("decode the file with its large weights as external data at their offsets, and no view of the file's bytes", () => {
    const bytes = encodeModel(spec());
    const { m, externalFiles } = decodeGraphSource(bytes, dir, path.join(dir, "model.onnx"));
    const [w, b, f] = m.graph.initializer;
    const kv = (t: { externalData: { key: string; value: string }[] }) => Object.fromEntries(t.externalData.map((e) => [e.key, e.value]));
    expect(Number(w.dataLocation)).toBe(1);
    const { location, offset, length } = kv(w);
    expect(Number(length)).toBe(conv.byteLength);
    expect(Buffer.compare(bytes.subarray(Number(offset), Number(offset) + Number(length)), new Uint8Array(conv.buffer))).toBe(0);
    for (const small of [b, f]) {
      expect(Number(small.dataLocation ?? 0)).toBe(0);
      expect(small.rawData.buffer).not.toBe(bytes.buffer); // a copy, so the file's bytes can be freed
    }
    expect(externalFiles.get(location)).toBe(path.join(dir, "model.onnx"));
    expect(externalFiles.size).toBe(1);
  });

  it("give the same logits and saliency as the proto with weights inline, and leave no folder behind", async () => {
    const file = path.join(dir, "model.onnx");
    const bytes = encodeModel(spec());
    writeFileSync(file, bytes);
    const fromFile = await loadNativeOnnxModel(file, native);
    const inline = await nativeModel(bytes, dir, native, { format: "onnx", weightsHash: fromFile.weightsHash, paramCount: fromFile.paramCount });
    try {
      const labels = Int32Array.of(0, 3, 5);
      const a = await fromFile.computeSaliency(images(3), labels, 3);
      const b = await inline.computeSaliency(images(3), labels, 3);
      expect(a.logits).toEqual(b.logits);
      expect(a.saliency).toEqual(b.saliency);
      expect(a.saliency.some((v) => v > 0)).toBe(true);
    } finally {
      fromFile.dispose();
      inline.dispose();
    }
    expect(readdirSync(tmp).filter((f) => f.startsWith("ort-graph-"))).toEqual([]);
  });

  it("keep a model's own external data file where it is", async () => {
    const sub = path.join(dir, "own-external");
    rmSync(sub, { recursive: true, force: true });
    const weights = path.join(sub, "weights", "conv.bin");
    mkdirSync(path.dirname(weights), { recursive: true });
    writeFileSync(weights, new Uint8Array(conv.buffer));
    const external = externalTensor("w", [CHANNELS, 3, 3, 3], ONNX_FLOAT, { location: "weights/conv.bin", offset: "0", length: String(conv.byteLength) });
    const file = path.join(sub, "model.onnx");
    writeFileSync(file, encodeModel(spec(external)));
    const { externalFiles } = decodeGraphSource(encodeModel(spec(external)), sub, file);
    expect(externalFiles.get("weights/conv.bin")).toBe(weights);
    const own = await loadNativeOnnxModel(file, native);
    const inline = await nativeModel(encodeModel(spec()), dir, native, { format: "onnx", weightsHash: "", paramCount: 0 });
    try {
      const labels = Int32Array.of(1, 2);
      expect((await own.computeSaliency(images(2), labels, 2)).saliency).toEqual((await inline.computeSaliency(images(2), labels, 2)).saliency);
    } finally {
      own.dispose();
      inline.dispose();
    }
    expect(readdirSync(tmp).filter((f) => f.startsWith("ort-graph-"))).toEqual([]);
  });
});
