import { rm } from "node:fs/promises";
import { validateModelDirectory, type ValidateOptions, type ValidatedModel } from "@/lib/models/validate";
import { extractZipSafely } from "@/lib/uploads/zip";

/** Extracts an uploaded model zip into `destDir` and validates it; a rejected upload leaves nothing in `destDir`. */
export async function acceptModelZip(zipPath: string, destDir: string, opts: ValidateOptions = {}): Promise<ValidatedModel> {
  await extractZipSafely(zipPath, destDir, opts.limits);
  try {
    return await validateModelDirectory(destDir, opts);
  } catch (err) {
    await rm(destDir, { recursive: true, force: true });
    throw err;
  }
}
