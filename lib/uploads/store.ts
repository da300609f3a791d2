import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_MODEL_LIMITS } from "@/lib/types/model-limits";
import { ModelValidationError, isRecord } from "@/lib/models/validate-error";
import { listUploadedFiles } from "@/lib/models/validate-files";
import { parseWeightsManifest } from "@/lib/models/validate-manifest";
import { hashModelArtifact } from "@/lib/models/weights-hash";
import { writeArtifactListing } from "./artifact-files";

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

/** A TF.js model's files: model.json and the shards its manifest lists, nothing else; hashed by hashModelArtifact. */
async function copyTfjs(sourceDir: string, tempDir: string): Promise<string> {
  await copyFile(path.join(sourceDir, "model.json"), path.join(tempDir, "model.json"));
  const json: unknown = JSON.parse(await readFile(path.join(tempDir, "model.json"), "utf8"));
  if (!isRecord(json)) throw new ModelValidationError("model.json must contain a JSON object");
  const weightPaths = parseWeightsManifest(json.weightsManifest).flatMap((g) => g.paths);
  for (const p of weightPaths) {
    await mkdir(path.dirname(path.join(tempDir, p)), { recursive: true });
    await copyFile(path.join(sourceDir, p), path.join(tempDir, p));
  }
  return hashModelArtifact(tempDir, json, weightPaths);
}

/**
 * An ONNX model's files: model.onnx and every other uploaded file (its external data, which only the importer can
 * name), hashed as path, size and bytes of each in path order.
 */
async function copyOnnx(sourceDir: string, tempDir: string): Promise<string> {
  const { sizes } = await listUploadedFiles(sourceDir, DEFAULT_MODEL_LIMITS);
  const hash = createHash("sha256");
  for (const p of [...sizes.keys()].sort()) {
    await mkdir(path.dirname(path.join(tempDir, p)), { recursive: true });
    await copyFile(path.join(sourceDir, p), path.join(tempDir, p));
    const { size } = await stat(path.join(tempDir, p));
    hash.update(`${p}\0${size}\n`, "utf8");
    for await (const chunk of createReadStream(path.join(tempDir, p))) hash.update(chunk as Buffer);
  }
  return hash.digest("hex");
}

/**
 * Stores a validated model directory (TF.js: model.json and its shards; ONNX: model.onnx and its data) content-addressed
 * at root/models/<sha256>/. The copy is hashed, not the source, so a source that
 * changes meanwhile cannot land under a wrong name; it appears by one rename, with its file listing (artifact-files.ts),
 * and storing the same model again is a no-op.
 */
export async function storeModelArtifact(sourceDir: string, root: string): Promise<{ sha256: string; path: string }> {
  const modelsDir = path.join(root, "models");
  await mkdir(modelsDir, { recursive: true });
  const tempDir = await mkdtemp(path.join(modelsDir, ".tmp-"));
  try {
    const sha256 = (await exists(path.join(sourceDir, "model.onnx")))
      ? await copyOnnx(sourceDir, tempDir)
      : await copyTfjs(sourceDir, tempDir);
    await writeArtifactListing(tempDir);
    const finalDir = path.join(modelsDir, sha256);
    if (await exists(finalDir)) {
      await rm(tempDir, { recursive: true, force: true });
      return { sha256, path: finalDir };
    }
    try {
      await rename(tempDir, finalDir);
    } catch (err) {
      // A concurrent store of the same model won the rename; its copy has the same content.
      const code = (err as NodeJS.ErrnoException).code;
      if ((code !== "ENOTEMPTY" && code !== "EEXIST") || !(await exists(finalDir))) throw err;
      await rm(tempDir, { recursive: true, force: true });
    }
    return { sha256, path: finalDir };
  } catch (err) {
    await rm(tempDir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Only a content-addressed directory of the data folder's models/ is ever removed: a stored path that is anything
 * else (a row edited by hand, a bug) is left alone and logged rather than followed.
 */
export async function removeStoredModelDir(dir: string): Promise<void> {
  if (!/^[0-9a-f]{64}$/.test(path.basename(dir)) || path.basename(path.dirname(dir)) !== "models") {
    console.error(`[model-delete] not removing '${dir}': not a stored model directory`);
    return;
  }
  await rm(dir, { recursive: true, force: true });
}
