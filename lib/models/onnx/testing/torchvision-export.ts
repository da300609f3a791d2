/**
 * torchvision classifiers exported with random weights by tools/onnx/export_onnx.py, at test time, cached in the
 * OS temp folder by model, opset and the scripts' version (a minute for the large ones on two cores; never committed).
 */
import { execFileSync } from "node:child_process";
import { existsSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { scriptsVersion, TORCH_PYTHON } from "@/lib/models/ort/testing/torch-reference";

const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../tools/onnx/export_onnx.py");

export function exportTorchvision(model: string, opset: number): string {
  const dir = path.join(os.tmpdir(), `onnx-export-${scriptsVersion()}-${model}-opset${opset}`);
  const file = path.join(dir, "model.onnx");
  if (existsSync(file)) return file;
  const partial = `${dir}.${process.pid}.tmp`;
  rmSync(partial, { recursive: true, force: true });
  execFileSync(TORCH_PYTHON, [SCRIPT, `torchvision:${model}`, "--random-weights", "--opset", String(opset), "--out", partial], { stdio: "pipe" });
  // Another test process may have finished the same export first; either copy is the same model.
  if (!existsSync(file)) renameSync(partial, dir);
  else rmSync(partial, { recursive: true, force: true });
  return file;
}

/** n deterministic NHWC images as the model sees them (ImageNet-normalised scale, roughly −2..2.5). */
export function pseudoImages(n: number, size: number, seed = 1): Float32Array {
  const out = new Float32Array(n * size * size * 3);
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let i = 0; i < n; i++) {
    const fx = 2 + 5 * rand(), fy = 2 + 5 * rand(), ph = 6 * rand();
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) for (let c = 0; c < 3; c++) {
      const v = Math.sin((fx * x) / size * Math.PI + ph + c) * Math.cos((fy * y) / size * Math.PI - c) + 0.3 * (rand() - 0.5);
      out[((i * size + y) * size + x) * 3 + c] = 1.5 * v;
    }
  }
  return out;
}
