import { describe, expect, it } from "vitest";
import { DEFAULT_MODEL_LIMITS } from "@/lib/types/model-limits";
import { checkFiles } from "./check-files";

const MiB = 2 ** 20;
const f = (name: string, size = 1000) => ({ name, size });

describe("checkFiles (the submit form's hints; the server checks again)", () => {
  it("accepts a zip, a TF.js model and an ONNX model with or without external data", () => {
    expect(checkFiles([f("model.zip")], 512 * MiB)).toBeNull();
    expect(checkFiles([f("model.json"), f("group1-shard1of1.bin")], 512 * MiB)).toBeNull();
    expect(checkFiles([f("resnet50.onnx")], 512 * MiB)).toBeNull();
    // torch names external data after the tensors (no extension); the split script of /docs/pytorch writes .bin files.
    expect(checkFiles([f("model.onnx"), f("onnx__Conv_497"), f("weights-1.bin")], 512 * MiB)).toBeNull();
  });

  it("refuses mixtures and missing models with a sentence saying what to choose", () => {
    expect(checkFiles([], 512 * MiB)).toMatch(/a \.onnx file with its external-data files/);
    expect(checkFiles([f("a.onnx"), f("b.onnx")], 512 * MiB)).toBe("Choose one .onnx model at a time (got a.onnx, b.onnx).");
    expect(checkFiles([f("model.onnx"), f("model.json")], 512 * MiB)).toMatch(/either a \.onnx model or model\.json/);
    expect(checkFiles([f("model.zip"), f("model.onnx")], 512 * MiB)).toMatch(/either one \.zip or the model's files/);
    expect(checkFiles([f("weights.bin")], 512 * MiB)).toBe("model.json or a .onnx model is missing (or choose one .zip).");
    expect(checkFiles([f("model.json"), f("notes.txt")], 512 * MiB)).toMatch(/'notes\.txt' is neither/);
  });

  it("applies the upload's size and file-count limits", () => {
    expect(checkFiles([f("model.onnx", 300 * MiB), f("w.bin", 300 * MiB)], 512 * MiB)).toMatch(/add up to 600 MiB/);
    expect(checkFiles([f("model.onnx", DEFAULT_MODEL_LIMITS.maxFileBytes + 1)], 1024 * MiB)).toMatch(/each file may be at most 256 MiB/);
    const many = [f("model.onnx"), ...Array.from({ length: DEFAULT_MODEL_LIMITS.maxFiles }, (_, i) => f(`w${i}`))];
    expect(checkFiles(many, 512 * MiB)).toMatch(/at most 200/);
  });
});
