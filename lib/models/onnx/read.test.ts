import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ONNX_PROTO } from "./onnx-proto";
import { readOnnx, decodeTensorProto } from "./read";
import {
  encodeModel, encodeTensor, externalTensor, floatTensor, ONNX_FLOAT, ONNX_FLOAT16, rawTensor, tinyClassifier, valueInfo,
} from "./testing/build-model";
import { expectInvalid } from "./testing/expect-invalid";

const tmp = mkdtempSync(path.join(os.tmpdir(), "onnx-read-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));


/** The tiny classifier with its conv weight `w` replaced. */
function withWeight(w: Record<string, unknown>): Uint8Array {
  const spec = tinyClassifier();
  spec.initializers = [w, ...spec.initializers!.slice(1)];
  return encodeModel(spec);
}

describe("readOnnx", () => {
  it("parses the official schema, embedded verbatim from onnx.proto", () => {
    const file = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "onnx.proto"), "utf8");
    expect(ONNX_PROTO === file, "onnx-proto.ts is stale: /usr/bin/python3 tools/onnx/embed_proto.py").toBe(true);
  });

  it("decodes a model's graph, opset, producer and initializers", () => {
    const m = readOnnx(encodeModel(tinyClassifier({ opset: 13 })));
    expect(m.opset).toBe(13);
    expect(m.producerName).toBe("build-model.ts");
    expect(m.nodes.map((n) => n.opType)).toEqual(["Conv", "Relu", "GlobalAveragePool", "Flatten", "Gemm"]);
    expect(m.inputs[0]).toEqual({ name: "input", elemType: ONNX_FLOAT, shape: ["batch", 3, 8, 8], kind: "tensor" });
    expect(m.nodes[0].attrs.get("pads")?.ints).toEqual([1, 1, 1, 1]);
    expect(m.nodes[4].attrs.get("transB")?.i).toBe(1);
    expect(m.nodes[4].attrs.get("transB")?.f).toBeUndefined();
    const b = m.initializers.find((t) => t.name === "b")!;
    expect(Array.from(b.data)).toEqual(Array.from(Float32Array.from([0.1, -0.1, 0.2, 0])));
  });

  it("refuses a truncated file, naming the decode failure", () => {
    const bytes = encodeModel(tinyClassifier());
    expectInvalid(() => readOnnx(bytes.subarray(0, Math.floor(bytes.length / 2))), /^the file is not an ONNX ModelProto: /);
  });

  it("refuses files that are not ONNX: JSON, PNG, empty", () => {
    expectInvalid(() => readOnnx(new TextEncoder().encode('{"format":"layers-model","modelTopology":{}}')), /not an ONNX ModelProto/);
    expectInvalid(() => readOnnx(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), /not an ONNX ModelProto/);
    expectInvalid(() => readOnnx(new Uint8Array(0)), /not an ONNX ModelProto: it has no graph/);
  });

  it("refuses raw data whose byte size does not match the dims", () => {
    const short = rawTensor("w", [4, 3, 3, 3], ONNX_FLOAT, new Uint8Array(4 * 3 * 3 * 3 * 4 - 4));
    expectInvalid(() => readOnnx(withWeight(short)), /tensor "w" has 428 bytes of data; its dims × float need 432/);
    const typed = { name: "w", dims: [2, 2], dataType: ONNX_FLOAT, floatData: [1, 2, 3] };
    expectInvalid(() => readOnnx(withWeight(typed)), /tensor "w" has 3 values; dims \[2,2\] need 4/);
  });

  it("upcasts float16 weights exactly", () => {
    // 1, -2, 0.5, 65504 (max half), 2^-24 (smallest subnormal), -0
    const halves = Uint16Array.from([0x3c00, 0xc000, 0x3800, 0x7bff, 0x0001, 0x8000]);
    const t = decodeTensorProto(encodeTensor(rawTensor("h", [6], ONNX_FLOAT16, new Uint8Array(halves.buffer))));
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(Array.from(t.data)).toEqual([1, -2, 0.5, 65504, 2 ** -24, -0]);
    const viaInt32 = decodeTensorProto(encodeTensor({ name: "h", dims: [2], dataType: ONNX_FLOAT16, int32Data: [0x3c00, 0xbc00] }));
    expect(Array.from(viaInt32.data)).toEqual([1, -1]);
  });

  describe("external data", () => {
    const dir = path.join(tmp, "upload");
    const values = Float32Array.from({ length: 108 }, (_, i) => i / 10);
    writeFileSync(path.join(tmp, "outside.bin"), Buffer.from(values.buffer));

    function model(kv: Record<string, string>): Uint8Array {
      return withWeight(externalTensor("w", [4, 3, 3, 3], ONNX_FLOAT, kv));
    }

    it("reads weights from a file inside the model's folder, with offset and length", () => {
      const bytes = Buffer.concat([Buffer.alloc(16, 7), Buffer.from(values.buffer)]);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(path.join(dir, "weights"), { recursive: true });
      writeFileSync(path.join(dir, "weights", "w.bin"), bytes);
      const m = readOnnx(model({ location: "weights/w.bin", offset: "16", length: String(values.byteLength) }), dir);
      expect(Array.from(m.initializers[0].data)).toEqual(Array.from(values));
    });

    it("refuses a location that escapes the folder, is absolute, is missing or is too short", () => {
      expectInvalid(() => readOnnx(model({ location: "../outside.bin" }), dir), /external data location "\.\.\/outside\.bin" must be a relative path inside the model's folder/);
      expectInvalid(() => readOnnx(model({ location: "weights/../../outside.bin" }), dir), /must be a relative path inside the model's folder/);
      expectInvalid(() => readOnnx(model({ location: path.join(tmp, "outside.bin") }), dir), /must be a relative path inside the model's folder/);
      expectInvalid(() => readOnnx(model({ location: "nope.bin" }), dir), /tensor "w": external data file "nope\.bin" does not exist/);
      expectInvalid(() => readOnnx(model({})), /tensor "w" has external data without a location/);
      expectInvalid(() => readOnnx(model({ location: "weights/w.bin" })), /external data but the model was not read from a file/);
      expectInvalid(() => readOnnx(model({ location: "weights/w.bin", offset: "400", length: "432" }), dir), /offset 400 \+ length 432 exceeds "weights\/w\.bin" \(448 bytes\)/);
      expectInvalid(() => readOnnx(model({ location: "weights/w.bin", length: "8" }), dir), /tensor "w" has 8 bytes of data; its dims × float need 432/);
    });

    it("refuses a location that is a folder or a link leading out of the folder", () => {
      expectInvalid(() => readOnnx(model({ location: "weights" }), dir), /tensor "w": external data location "weights" is not a file/);
      symlinkSync(path.join(tmp, "outside.bin"), path.join(dir, "link.bin"));
      expectInvalid(() => readOnnx(model({ location: "link.bin" }), dir), /external data location "link\.bin" leaves the model's folder/);
    });
  });

  it("keeps value infos with unknown shapes", () => {
    const spec = tinyClassifier();
    spec.outputs = [valueInfo("logits", ONNX_FLOAT, null)];
    expect(readOnnx(encodeModel(spec)).outputs[0].shape).toBeNull();
  });

  it("decodes a weight stored as float_data", () => {
    const m = readOnnx(withWeight({ ...floatTensor("w", [4, 3, 3, 3], []), rawData: undefined, floatData: Array.from({ length: 108 }, () => 0.5) }));
    expect(m.initializers[0].data[107]).toBe(0.5);
  });
});
