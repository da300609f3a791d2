/**
 * Turns the received upload files into one model directory: a single .zip is extracted, loose files are moved in.
 * An ONNX model may arrive under any name (torch.onnx.export writes what it is told); it is stored as model.onnx,
 * which is safe because external-data locations are relative to the directory, not to the model's file name.
 */
import { mkdir, readdir, rename } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";
import type { ModelLimits } from "@/lib/types/model-limits";
import type { ReceivedFile } from "@/lib/uploads/multipart";
import { extractZipSafely } from "@/lib/models/zip";

const ONNX = /\.onnx$/i;

function onnxFileOrNull(names: string[]): string | null {
  const onnx = names.filter((n) => ONNX.test(n));
  if (onnx.length > 1) {
    throw new AppError("invalid_upload", `files: send one .onnx model at a time; got ${onnx.join(", ")}`);
  }
  return onnx[0] ?? null;
}

async function normaliseOnnxName(dir: string): Promise<void> {
  const onnx = onnxFileOrNull(await readdir(dir));
  if (onnx && onnx !== "model.onnx") await rename(path.join(dir, onnx), path.join(dir, "model.onnx"));
}

export async function assembleModelDirectory(files: ReceivedFile[], destDir: string, limits?: ModelLimits): Promise<void> {
  const zips = files.filter((f) => /\.zip$/i.test(f.filename));
  if (zips.length > 0) {
    if (files.length !== 1) {
      throw new AppError(
        "invalid_upload",
        "files: send either one .zip or the model's files (model.json with its weight shards, or a .onnx with its external data), not both",
      );
    }
    // registerModel validates the extracted directory; validating here as well would hash the weights twice.
    await extractZipSafely(zips[0].path, destDir, limits);
    await normaliseOnnxName(destDir);
    return;
  }
  const onnx = onnxFileOrNull(files.map((f) => f.filename));
  if (!onnx && !files.some((f) => f.filename === "model.json")) {
    throw new AppError(
      "invalid_upload",
      `files: model.json or a .onnx model is missing; got ${files.map((f) => f.filename).join(", ")}. Send model.json and its .bin shards, a .onnx with its external-data files, or one .zip`,
    );
  }
  if (onnx && onnx !== "model.onnx" && files.some((f) => f.filename === "model.onnx")) {
    throw new AppError("invalid_upload", `files: '${onnx}' and model.onnx are both sent; send one model`);
  }
  await mkdir(destDir, { recursive: true });
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.filename)) throw new AppError("invalid_upload", `files: '${f.filename}' is sent twice; send each file once`);
    seen.add(f.filename);
    await rename(f.path, path.join(destDir, f.filename === onnx ? "model.onnx" : f.filename));
  }
}
