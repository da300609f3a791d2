import * as tf from "@tensorflow/tfjs";
import type { LogitsFn } from "@/lib/models/saliency";

/**
 * Logits only: the forward pass without any gradient (the psychophysics track needs decisions, not maps). Same
 * inference-mode graph as the saliency path, so its logits are the ones computeSaliencyMaps reports.
 */
export async function computeForwardLogits(logitsFn: LogitsFn, images: Float32Array, n: number, inputSize: number, numClasses: number): Promise<Float32Array> {
  const pixels = inputSize * inputSize * 3;
  if (!Number.isInteger(n) || n < 0 || images.length !== n * pixels) {
    throw new Error(`images has ${images.length} values; expected n·H·W·3 = ${n}·${inputSize}·${inputSize}·3 = ${n * pixels}`);
  }
  const logits = new Float32Array(n * numClasses);
  if (n === 0) return logits;
  const out = tf.tidy(() => logitsFn(tf.tensor4d(images, [n, inputSize, inputSize, 3])));
  try {
    if (out.shape[1] !== numClasses) throw new Error(`The model outputs ${out.shape[1]} logits; expected ${numClasses}`);
    logits.set(await out.data());
  } finally {
    out.dispose();
  }
  return logits;
}
