/**
 * Validates an uploaded ONNX model directory (model.onnx + the external-data files it names) with the importer.
 * The importer decodes protobuf synchronously and pulls in tfjs for the weights hash, so it runs in a child process:
 * the web process stays responsive during a 500 MB decode and never loads tfjs (see eslint.config.mjs).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { DEFAULT_MODEL_LIMITS, type ModelLimits } from "@/lib/types/model-limits";
import { ModelValidationError } from "@/lib/models/validate-error";
import { listUploadedFiles } from "@/lib/models/validate-files";

export const ONNX_FILE = "model.onnx";

export type ValidatedOnnx = {
  inputName: string;
  outputName: string;
  layout: "NCHW" | "NHWC";
  inputSize: number;
  /** Null when the output's class dimension is symbolic (checked by a forward pass at load). */
  numClasses: number | null;
  opset: number;
  producer: string | null;
  paramCount: number;
  weightsHash: string;
  totalBytes: number;
};

type ChildAnswer = { ok: true; value: Omit<ValidatedOnnx, "totalBytes" | "numClasses"> & { numClasses?: number } } | { ok: false; known: boolean; message: string };

const CHILD = () => path.join(process.cwd(), "lib", "models", "validate-onnx-child.ts");

function runChild(request: object): Promise<ChildAnswer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD(), JSON.stringify(request)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (err = (err + c).slice(-4000)));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const line = out.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(line) as ChildAnswer);
      } catch {
        reject(new Error(`the ONNX validator exited with ${code ?? signal} and no answer: ${err.trim().split("\n").slice(-3).join(" ")}`));
      }
    });
  });
}

export async function validateOnnxDirectory(
  dir: string,
  opts: { limits?: ModelLimits; numClasses?: number; outputName?: string } = {},
): Promise<ValidatedOnnx> {
  const files = await listUploadedFiles(dir, opts.limits ?? DEFAULT_MODEL_LIMITS);
  if (!files.sizes.has(ONNX_FILE)) throw new ModelValidationError(`the upload has no ${ONNX_FILE} at its top level`);
  const answer = await runChild({ file: path.resolve(dir, ONNX_FILE), numClasses: opts.numClasses, outputName: opts.outputName });
  if (!answer.ok) {
    // The importer's messages say what is wrong; anything else it threw is still the file's fault (a malformed model).
    throw new ModelValidationError(answer.known ? answer.message : `${ONNX_FILE} could not be read: ${answer.message}`);
  }
  return { ...answer.value, numClasses: answer.value.numClasses ?? null, totalBytes: files.totalBytes };
}

