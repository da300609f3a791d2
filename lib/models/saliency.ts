import * as tf from "@tensorflow/tfjs";
import type { FlippedFilterCache } from "@/lib/tf/conv-backprop";
import { inputGradient } from "@/lib/tf/input-gradient";

export type LogitsFn = (x: tf.Tensor4D) => tf.Tensor2D;
export type SaliencyBatch = { images: Float32Array; labels: Int32Array; n: number; inputSize: number; numClasses: number };

/** Batch 1 by default: batch 8 was not faster per image on one wasm thread and grew the wasm heap to 2.3 GB. */
const DEFAULT_BATCH = 1;

function checkBatch({ images, labels, n, inputSize, numClasses }: SaliencyBatch): void {
  const pixels = inputSize * inputSize * 3;
  if (!Number.isInteger(n) || n < 0) throw new Error(`n must be a non-negative integer, got ${n}`);
  if (images.length !== n * pixels) {
    throw new Error(`images has ${images.length} values; expected n·H·W·3 = ${n}·${inputSize}·${inputSize}·3 = ${n * pixels}`);
  }
  if (labels.length !== n) throw new Error(`labels has ${labels.length} entries; expected n = ${n}`);
  for (let i = 0; i < n; i++) {
    if (labels[i] < 0 || labels[i] >= numClasses) {
      throw new Error(`labels[${i}] = ${labels[i]} is outside the model's classes 0..${numClasses - 1}`);
    }
  }
}

/**
 * Protocol §3: s = Σ_k logits_k · onehot(label)_k, g = ∂s/∂x on the preprocessed input, saliency = max_c |g|.
 * Images are independent (inference mode), so one gradient of Σ_i s_i gives every image's own gradient.
 */
export async function computeSaliencyMaps(
  logitsFn: LogitsFn,
  batch: SaliencyBatch,
  batchSize = DEFAULT_BATCH,
  /** A model's own cache of flipped filters (see lib/tf/conv-backprop.ts), kept across calls. */
  filters?: FlippedFilterCache,
): Promise<{ saliency: Float32Array; logits: Float32Array }> {
  checkBatch(batch);
  const { images, labels, n, inputSize: size, numClasses } = batch;
  const saliency = new Float32Array(n * size * size);
  const logits = new Float32Array(n * numClasses);
  const run = <T>(fn: () => T): T => (filters ? filters.run(fn) : fn());
  for (let start = 0; start < n; start += batchSize) {
    const b = Math.min(batchSize, n - start);
    run(() => tf.tidy(() => {
      const x = tf.tensor4d(images.subarray(start * size * size * 3, (start + b) * size * size * 3), [b, size, size, 3]);
      const onehot = tf.oneHot(tf.tensor1d(labels.subarray(start, start + b), "int32"), numClasses).toFloat();
      const objective = (t: tf.Tensor4D): tf.Scalar => {
        const out = logitsFn(t);
        if (out.shape[1] !== numClasses) throw new Error(`The model outputs ${out.shape[1]} logits; expected ${numClasses}`);
        logits.set(out.dataSync(), start * numClasses);
        return tf.sum(tf.mul(out, onehot));
      };
      const grad = inputGradient(objective, x);
      saliency.set(tf.max(tf.abs(grad), 3).dataSync(), start * size * size);
    }));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { saliency, logits };
}
