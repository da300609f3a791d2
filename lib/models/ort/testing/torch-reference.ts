/**
 * Test fixtures from PyTorch itself: tools/onnx/torch_reference.py exports a torchvision model with random weights
 * (BatchNorm calibrated on noise) and writes autograd's float64 logits and saliency for a few pseudo-images.
 * Generated at test time into the OS temp folder (cached per model, opset and image count), never committed.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Debian's interpreter, where python3-torch and python3-torchvision install (not a pyenv python3 on PATH). */
export const TORCH_PYTHON = process.env.TORCH_PYTHON ?? "/usr/bin/python3";
const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../tools/onnx/torch_reference.py");

/** The scripts' contents key the cache: a change to either (weights, calibration, inputs) regenerates the fixtures. */
export function scriptsVersion(): string {
  const h = createHash("sha256");
  for (const f of ["torch_reference.py", "export_onnx.py"]) h.update(readFileSync(path.join(path.dirname(SCRIPT), f)));
  return h.digest("hex").slice(0, 12);
}

export type TorchReference = {
  dir: string;
  modelPath: string;
  n: number;
  size: number;
  classes: number;
  inputs: Float32Array;
  labels: Int32Array;
  logits: Float64Array;
  saliency: Float64Array;
  human: Float32Array;
};

function typed<T>(file: string, Ctor: { new (b: ArrayBuffer): T }): T {
  const buf = readFileSync(file);
  return new Ctor(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
}

export function torchReference(model: string, opts: { opset?: number; images?: number } = {}): TorchReference {
  const opset = opts.opset ?? 17;
  const images = opts.images ?? 2;
  const dir = path.join(os.tmpdir(), `torch-reference-${scriptsVersion()}-${model}-opset${opset}-n${images}`);
  if (!existsSync(path.join(dir, "meta.json"))) {
    try {
      execFileSync(TORCH_PYTHON, ["-c", "import torch, torchvision"], { stdio: "pipe" });
    } catch {
      throw new Error(`${TORCH_PYTHON} cannot import torch and torchvision: apt-get install python3-torch python3-torchvision`);
    }
    execFileSync(TORCH_PYTHON, [SCRIPT, "--model", model, "--opset", String(opset), "--images", String(images), "--out", dir], { stdio: "pipe" });
  }
  const meta = JSON.parse(readFileSync(path.join(dir, "meta.json"), "utf8")) as { images: number; size: number; classes: number };
  return {
    dir,
    modelPath: path.join(dir, "model.onnx"),
    n: meta.images,
    size: meta.size,
    classes: meta.classes,
    inputs: typed(path.join(dir, "inputs.f32"), Float32Array),
    labels: typed(path.join(dir, "labels.i32"), Int32Array),
    logits: typed(path.join(dir, "logits.f64"), Float64Array),
    saliency: typed(path.join(dir, "saliency.f64"), Float64Array),
    human: typed(path.join(dir, "human.f32"), Float32Array),
  };
}
