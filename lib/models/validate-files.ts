import { lstat, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { formatBytes, type ModelLimits } from "@/lib/types/model-limits";
import { ModelValidationError, listForMessage } from "@/lib/models/validate-error";

export type UploadedFiles = { sizes: Map<string, number>; totalBytes: number };

/** Lists every regular file under `dir` (relative, '/'-separated) and enforces the count and size limits. */
export async function listUploadedFiles(dir: string, limits: ModelLimits): Promise<UploadedFiles> {
  const sizes = new Map<string, number>();
  let totalBytes = 0;
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const st = await lstat(path.join(dir, relPath));
      if (st.isSymbolicLink()) throw new ModelValidationError(`'${relPath}' is a symbolic link; only regular files are allowed`);
      if (st.isDirectory()) {
        await walk(relPath);
        continue;
      }
      if (!st.isFile()) throw new ModelValidationError(`'${relPath}' is not a regular file; only regular files are allowed`);
      if (sizes.size + 1 > limits.maxFiles)
        throw new ModelValidationError(`the upload has more than ${limits.maxFiles} files; at most ${limits.maxFiles} are allowed`);
      if (st.size > limits.maxFileBytes)
        throw new ModelValidationError(
          `'${relPath}' is ${formatBytes(st.size)}; each file may be at most ${formatBytes(limits.maxFileBytes)}`);
      totalBytes += st.size;
      if (totalBytes > limits.maxTotalBytes)
        throw new ModelValidationError(`the upload is larger than ${formatBytes(limits.maxTotalBytes)} in total, the most allowed`);
      sizes.set(relPath, st.size);
    }
  };
  await walk("");
  return { sizes, totalBytes };
}

/** Reads and parses model.json at the top of the upload, with its own size limit. */
export async function readModelJson(dir: string, files: UploadedFiles, limits: ModelLimits): Promise<unknown> {
  const size = files.sizes.get("model.json");
  if (size === undefined) {
    const nested = [...files.sizes.keys()].filter((f) => f.endsWith("/model.json"));
    const hint = nested.length > 0
      ? `; found ${listForMessage(nested)} — put model.json and its weight files at the top level, not inside a folder`
      : `; uploaded files: ${listForMessage([...files.sizes.keys()])}`;
    throw new ModelValidationError(`the upload has no model.json at its top level${hint}`);
  }
  if (size > limits.maxModelJsonBytes)
    throw new ModelValidationError(
      `model.json is ${formatBytes(size)}; it may be at most ${formatBytes(limits.maxModelJsonBytes)}`);
  const text = await readFile(path.join(dir, "model.json"), "utf8");
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new ModelValidationError(`model.json is not valid JSON (${(err as Error).message}); it must be the JSON file written by TF.js`);
  }
}
