import * as tf from "@tensorflow/tfjs";
import { MODEL_SIZE, prepareHumanMap, prepareImage } from "@/lib/datasets/preprocess";
import type { Sample } from "@/lib/evaluation/types";
import type { HarmonizerBatch } from "@/lib/harmonizer/harmonizer-loss";

const PIXELS = MODEL_SIZE * MODEL_SIZE;

/**
 * A training batch from ClickMe-format samples with the evaluation's own preprocessing (image 256→224, human map
 * 256→64→blur→224), then the model's input transform x' = x·scale. Every sample has a map (token 1) unless its
 * heatmap is null.
 */
export function batchFromSamples(
  samples: (Omit<Sample, "heatmap"> & { heatmap: Uint8Array | null })[],
  inputScale: number,
): HarmonizerBatch {
  const n = samples.length;
  const images = new Float32Array(n * PIXELS * 3);
  const maps = new Float32Array(n * PIXELS);
  const tokens = new Float32Array(n);
  samples.forEach((s, i) => {
    const img = prepareImage(s.image);
    for (let k = 0; k < img.length; k++) images[i * PIXELS * 3 + k] = img[k] * inputScale;
    if (s.heatmap) {
      maps.set(prepareHumanMap(s.heatmap), i * PIXELS);
      tokens[i] = 1;
    }
  });
  return {
    inputs: tf.tensor4d(images, [n, MODEL_SIZE, MODEL_SIZE, 3]),
    labels: tf.tensor1d(
      Int32Array.from(samples, (s) => s.label),
      "int32",
    ),
    humanMaps: tf.tensor3d(maps, [n, MODEL_SIZE, MODEL_SIZE]),
    tokens: tf.tensor1d(tokens),
  };
}

export function disposeBatch(b: HarmonizerBatch): void {
  tf.dispose([b.inputs, b.labels, b.humanMaps, b.tokens]);
}

/** Prepares every sample once (the preprocessing costs as much as a small model's step) and serves batches. */
export function preparedSampleData(samples: Sample[], inputScale: number): { size: number; batch(indices: number[]): HarmonizerBatch } {
  const prepared = samples.map((s) => {
    const b = batchFromSamples([s], inputScale);
    const out = { image: b.inputs.dataSync() as Float32Array, map: b.humanMaps.dataSync() as Float32Array, label: s.label };
    disposeBatch(b);
    return out;
  });
  return {
    size: prepared.length,
    batch(indices: number[]): HarmonizerBatch {
      const n = indices.length;
      const images = new Float32Array(n * PIXELS * 3);
      const maps = new Float32Array(n * PIXELS);
      indices.forEach((idx, i) => {
        images.set(prepared[idx].image, i * PIXELS * 3);
        maps.set(prepared[idx].map, i * PIXELS);
      });
      return {
        inputs: tf.tensor4d(images, [n, MODEL_SIZE, MODEL_SIZE, 3]),
        labels: tf.tensor1d(
          Int32Array.from(indices, (idx) => prepared[idx].label),
          "int32",
        ),
        humanMaps: tf.tensor3d(maps, [n, MODEL_SIZE, MODEL_SIZE]),
        tokens: tf.ones([n]) as tf.Tensor1D,
      };
    },
  };
}
