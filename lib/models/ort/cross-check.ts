/**
 * The dry run's independent check of an ONNX model: onnxruntime (CPU) runs the submitted file on the same preprocessed
 * images as the importer, and their logits must agree within compare-logits' tolerance. On a mismatch the first
 * diverging node is found by running both engines once more with every intermediate tensor as an output.
 */
import { compareLogits, LOGITS_RELATIVE_TOLERANCE } from "@/lib/models/ort/compare-logits";
import { loadOnnxRuntime, onnxRuntimeVersion, openOrtSession, runOrtLogits } from "@/lib/models/ort/runtime";
import { firstDivergingNode } from "@/lib/models/ort/diverging-node";
import type { CheckedCrossCheck, CrossCheck } from "@/lib/types/cross-check";

export type { CheckedCrossCheck, CrossCheck } from "@/lib/types/cross-check";

export type CrossCheckInput = {
  /** The ONNX file onnxruntime runs (its external data beside it). */
  file: string;
  outputName: string | null;
  /** n preprocessed images, NHWC, size×size×3 each: exactly what the importer was given. */
  images: Float32Array;
  n: number;
  size: number;
  /** The importer's logits for those images, n × numClasses. */
  ours: Float32Array;
  numClasses: number;
  /** The file the importer read, when it differs from `file` (tests); the divergence search runs it. */
  importedFile?: string;
};

/**
 * A missing onnxruntime-node (an optional dependency) is recorded as skipped, not failed: the model is not at fault,
 * and the published provenance then says plainly that no independent check ran.
 */
export async function crossCheckOnnx(input: CrossCheckInput): Promise<CrossCheck> {
  let engine: string;
  try {
    engine = onnxRuntimeVersion();
  } catch (err) {
    return { status: "skipped", engine: null, reason: (err as Error).message, images: input.n };
  }
  const session = await openOrtSession(input.file);
  let theirs: Float32Array;
  try {
    theirs = await runOrtLogits(session, input.images, input.n, input.size, input.outputName ?? undefined);
  } finally {
    await session.release();
  }
  const agreement = compareLogits(input.ours, theirs, input.n, input.numClasses);
  const base = { engine, relative_tolerance: LOGITS_RELATIVE_TOLERANCE, ...agreement };
  if (agreement.passed) return { status: "passed", ...base, first_diverging_node: null };
  const worst = worstImage(input.ours, theirs, input.n, input.numClasses);
  const pixels = input.size * input.size * 3;
  const node = await firstDivergingNode({
    ortFile: input.file,
    importedFile: input.importedFile ?? input.file,
    image: input.images.subarray(worst * pixels, (worst + 1) * pixels),
    size: input.size,
    ort: loadOnnxRuntime(),
  });
  return { status: "failed", ...base, first_diverging_node: node };
}

function worstImage(a: Float32Array, b: Float32Array, n: number, k: number): number {
  let worst = 0;
  let most = -1;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const d = Math.abs(a[i * k + c] - b[i * k + c]);
      if (!(d <= most)) [most, worst] = [Number.isNaN(d) ? Infinity : d, i];
    }
  }
  return worst;
}

/** The one-line reason a failed check gives the submitter. */
export function describeMismatch(c: CheckedCrossCheck): string {
  const at = c.first_diverging_node
    ? `; the first diverging node is "${c.first_diverging_node.name}" (${c.first_diverging_node.op_type}), output "${c.first_diverging_node.output}" differs by ${c.first_diverging_node.max_abs_diff.toPrecision(3)} (tolerance ${c.first_diverging_node.tolerance.toPrecision(3)})`
    : "; no single intermediate tensor diverged beyond tolerance";
  return `the imported graph's logits disagree with onnxruntime's on ${c.images} images: max |Δ| ${c.max_abs_diff.toPrecision(3)} > tolerance ${c.tolerance.toPrecision(3)} (${LOGITS_RELATIVE_TOLERANCE} × max |logit|)${at}`;
}
