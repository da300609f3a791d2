import { rm } from "node:fs/promises";
import { validateSubmittedModel, type SubmittedModel, type SubmittedModelOptions } from "@/lib/models/validate-submission";
import { extractZipSafely } from "@/lib/uploads/zip";

/** Extracts an uploaded model zip (TF.js or ONNX) into `destDir` and validates it; a rejected upload leaves nothing in `destDir`. */
export async function acceptModelZip(zipPath: string, destDir: string, opts: SubmittedModelOptions = {}): Promise<SubmittedModel> {
  await extractZipSafely(zipPath, destDir, opts.limits);
  try {
    return await validateSubmittedModel(destDir, opts);
  } catch (err) {
    await rm(destDir, { recursive: true, force: true });
    throw err;
  }
}
