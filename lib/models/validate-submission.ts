/**
 * One validation for every submitted model directory: model.onnx at the top → the ONNX importer (in a child process),
 * model.json → the TF.js validator. Returns what registration stores; both answer a ModelValidationError when refused.
 */
import { access, readdir } from "node:fs/promises";
import path from "node:path";
import type { ModelLimits } from "@/lib/types/model-limits";
import { validateModelDirectory } from "@/lib/models/validate";
import { listForMessage, ModelValidationError } from "@/lib/models/validate-error";
import { ONNX_FILE, validateOnnxDirectory } from "@/lib/models/validate-onnx";
import type { ModelFormat } from "@/lib/types";

export type SubmittedModel = {
  format: ModelFormat;
  paramCount: number;
  weightsHash: string;
  /** A graph model's logits node, or an ONNX model's named logits output; null otherwise. */
  logitsNode: string | null;
  lastLayerSoftmax: boolean;
  totalBytes: number;
  onnx: { opset: number; producer: string | null } | null;
};

export type SubmittedModelOptions = { limits?: ModelLimits; numClasses?: number; logitsNode?: string };

const exists = (p: string) => access(p).then(() => true, () => false);

export async function validateSubmittedModel(dir: string, opts: SubmittedModelOptions = {}): Promise<SubmittedModel> {
  const [onnx, json] = await Promise.all([exists(path.join(dir, ONNX_FILE)), exists(path.join(dir, "model.json"))]);
  if (onnx && json) throw new ModelValidationError(`the upload has both ${ONNX_FILE} and model.json; send one model`);
  if (!onnx && !json) {
    const nested = (await readdir(dir, { recursive: true })).filter((f) => /\.onnx$/i.test(f));
    if (nested.length > 0) {
      throw new ModelValidationError(`the upload has no ${ONNX_FILE} at its top level; found ${listForMessage(nested)} — put the .onnx file and its external data at the top level of the zip, not inside a folder`);
    }
  }
  if (onnx) {
    const v = await validateOnnxDirectory(dir, { limits: opts.limits, numClasses: opts.numClasses, outputName: opts.logitsNode });
    return {
      format: "onnx",
      paramCount: v.paramCount,
      weightsHash: v.weightsHash,
      logitsNode: opts.logitsNode ?? null,
      lastLayerSoftmax: false,
      totalBytes: v.totalBytes,
      onnx: { opset: v.opset, producer: v.producer },
    };
  }
  const v = await validateModelDirectory(dir, opts);
  return {
    format: v.format,
    paramCount: v.paramCount,
    weightsHash: v.weightsHash,
    logitsNode: v.logitsNode,
    lastLayerSoftmax: v.lastLayerSoftmax,
    totalBytes: v.totalBytes,
    onnx: null,
  };
}
