/** Turns the received upload files into one model directory: a single .zip is extracted, loose files are moved in. */
import { mkdir, rename } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";
import type { ReceivedFile } from "@/lib/uploads/multipart";
import { extractZipSafely } from "@/lib/uploads/zip";

export async function assembleModelDirectory(files: ReceivedFile[], destDir: string): Promise<void> {
  const zips = files.filter((f) => /\.zip$/i.test(f.filename));
  if (zips.length > 0) {
    if (files.length !== 1) {
      throw new AppError("invalid_upload", "files: send either one .zip or model.json with its weight shards, not both");
    }
    // registerModel validates the extracted directory; validating here as well would hash the weights twice.
    await extractZipSafely(zips[0].path, destDir);
    return;
  }
  if (!files.some((f) => f.filename === "model.json")) {
    throw new AppError("invalid_upload", `files: model.json is missing; got ${files.map((f) => f.filename).join(", ")}. Send model.json and its .bin shards, or one .zip`);
  }
  await mkdir(destDir, { recursive: true });
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.filename)) throw new AppError("invalid_upload", `files: '${f.filename}' is sent twice; send each file once`);
    seen.add(f.filename);
    await rename(f.path, path.join(destDir, f.filename));
  }
}
