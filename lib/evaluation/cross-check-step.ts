/**
 * `--cross-check N`: before an ONNX model is scored, its logits on the first N images of the split (preprocessed as
 * the protocol does) are compared with onnxruntime's on the original file. A mismatch makes the model invalid; the
 * figures, or the reason the check was skipped, go into the evaluation's provenance.
 */
import { readClickMe } from "@/lib/datasets/clickme";
import { applyModelPreprocessing, MODEL_SIZE, prepareImage, type Preprocessing } from "@/lib/datasets/preprocess";
import { AppError } from "@/lib/errors";
import type { LoadedModel } from "@/lib/models/load";
import { crossCheckOnnx, describeMismatch, type CrossCheck } from "@/lib/models/ort/cross-check";
import type { SplitPlan } from "./run";

export async function crossCheckModel(
  model: LoadedModel,
  o: { dataDir: string; plan: Pick<SplitPlan, "maxShardIndex" | "numClasses" | "total">; preprocessing: Preprocessing; images: number },
): Promise<CrossCheck | null> {
  if (!model.onnx || o.images <= 0) return null;
  const n = Math.min(o.images, o.plan.total);
  const pixels = MODEL_SIZE * MODEL_SIZE * 3;
  const images = new Float32Array(n * pixels);
  const labels = new Int32Array(n);
  let i = 0;
  for await (const s of readClickMe(o.dataDir, { limit: n, maxShardIndex: o.plan.maxShardIndex, numClasses: o.plan.numClasses })) {
    images.set(applyModelPreprocessing(prepareImage(s.image), o.preprocessing), i * pixels);
    labels[i++] = s.label;
  }
  const { logits } = await model.computeSaliency(images, labels, n);
  const check = await crossCheckOnnx({
    file: model.onnx.file,
    outputName: model.onnx.outputName,
    images,
    n,
    size: MODEL_SIZE,
    ours: logits,
    numClasses: model.numClasses,
  });
  if (check.status === "failed")
    throw new AppError("invalid_model", `onnxruntime cross-check failed: ${describeMismatch(check)}`, { cross_check: check });
  if (check.status === "skipped") process.stderr.write(`cross-check skipped: ${check.reason}\n`);
  return check;
}
