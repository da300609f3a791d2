import { describe, expect, it } from "vitest";
import { formatLabel } from "./format-label";

describe("formatLabel", () => {
  it("names the ONNX opset and producer, and the TF.js kind", () => {
    expect(formatLabel({ format: "onnx", onnxOpset: 17, onnxProducer: "pytorch 1.13.1" })).toBe("ONNX opset 17 · pytorch 1.13.1");
    expect(formatLabel({ format: "onnx", onnxOpset: 13, onnxProducer: null })).toBe("ONNX opset 13");
    expect(formatLabel({ format: "layers", onnxOpset: null, onnxProducer: null })).toBe("TF.js layers");
    expect(formatLabel({ format: "graph", onnxOpset: null, onnxProducer: null })).toBe("TF.js graph");
  });
});
