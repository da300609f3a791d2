import { copyFile, mkdir, mkdtemp, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { ModelValidationError, isRecord } from "@/lib/models/validate-error";
import { parseWeightsManifest } from "@/lib/models/validate-manifest";
import { hashModelArtifact } from "@/lib/models/weights-hash";

const exists = (p: string) => stat(p).then(() => true, () => false);

/**
 * Stores a validated model directory (model.json and the shards its manifest lists; nothing else) content-addressed
 * at root/models/<sha256>/, the hash being `hashModelArtifact`. The copy is hashed, not the source, so a source that
 * changes meanwhile cannot land under a wrong name; it appears by one rename, and storing the same model again is a no-op.
 */
export async function storeModelArtifact(sourceDir: string, root: string): Promise<{ sha256: string; path: string }> {
  const modelsDir = path.join(root, "models");
  await mkdir(modelsDir, { recursive: true });
  const tempDir = await mkdtemp(path.join(modelsDir, ".tmp-"));
  try {
    await copyFile(path.join(sourceDir, "model.json"), path.join(tempDir, "model.json"));
    const json: unknown = JSON.parse(await readFile(path.join(tempDir, "model.json"), "utf8"));
    if (!isRecord(json)) throw new ModelValidationError("model.json must contain a JSON object");
    const weightPaths = parseWeightsManifest(json.weightsManifest).flatMap((g) => g.paths);
    for (const p of weightPaths) {
      await mkdir(path.dirname(path.join(tempDir, p)), { recursive: true });
      await copyFile(path.join(sourceDir, p), path.join(tempDir, p));
    }
    const sha256 = await hashModelArtifact(tempDir, json, weightPaths);
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
