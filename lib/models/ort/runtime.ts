/**
 * onnxruntime-node, the independent engine that checks the ONNX importer: it runs the submitted file itself.
 * An optional dependency (its CPU library ships inside the npm package); a missing install is an error that says so.
 */
import { createRequire } from "node:module";
import type * as Ort from "onnxruntime-node";

export type OrtModule = typeof Ort;
export type OrtSession = Ort.InferenceSession;

let cached: OrtModule | null = null;

export function loadOnnxRuntime(): OrtModule {
  if (cached) return cached;
  try {
    cached = createRequire(import.meta.url)("onnxruntime-node") as OrtModule;
  } catch (err) {
    throw new Error(
      `onnxruntime-node is not installed, so ONNX models cannot be cross-checked (${(err as Error).message.split("\n")[0]}); ` +
        "install the optional dependencies with `npm ci` (the .npmrc skips its CUDA download)",
    );
  }
  return cached;
}

export function onnxRuntimeVersion(): string {
  return `onnxruntime-node ${loadOnnxRuntime().env.versions.node}`;
}

/** A CPU session on one thread by default: the evaluation owns the other cores. */
export async function openOrtSession(modelPath: string, threads = 1): Promise<OrtSession> {
  const ort = loadOnnxRuntime();
  return ort.InferenceSession.create(modelPath, { executionProviders: ["cpu"], intraOpNumThreads: threads, interOpNumThreads: 1 });
}

/** NHWC → NCHW for n images of size×size×3. */
export function toNchw(nhwc: Float32Array, n: number, size: number): Float32Array {
  const out = new Float32Array(nhwc.length);
  const plane = size * size;
  for (let i = 0; i < n; i++) {
    const src = i * plane * 3;
    for (let p = 0; p < plane; p++) {
      for (let c = 0; c < 3; c++) out[src + c * plane + p] = nhwc[src + p * 3 + c];
    }
  }
  return out;
}

export type ImageLayout = "nchw" | "nhwc";

/** The layout of the session's single image input, from its declared shape (channels first when dim 1 is 3). */
export function inputLayout(session: OrtSession): ImageLayout {
  const meta = session.inputMetadata[0];
  const shape = meta && meta.isTensor ? meta.shape : [];
  return shape[1] === 3 ? "nchw" : "nhwc";
}

/** Logits of n preprocessed NHWC images (values as the model sees them), from the named output or the only one. */
export async function runOrtLogits(
  session: OrtSession, images: Float32Array, n: number, size: number, outputName?: string,
): Promise<Float32Array> {
  const ort = loadOnnxRuntime();
  const layout = inputLayout(session);
  const dims = layout === "nchw" ? [n, 3, size, size] : [n, size, size, 3];
  const data = layout === "nchw" ? toNchw(images, n, size) : images;
  const output = outputName ?? session.outputNames[0];
  const result = await session.run({ [session.inputNames[0]]: new ort.Tensor("float32", data, dims) }, [output]);
  const tensor = result[output];
  if (tensor.type !== "float32") throw new Error(`onnxruntime output '${output}' is ${tensor.type}, expected float32`);
  return tensor.data as Float32Array;
}
