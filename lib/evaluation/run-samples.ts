import { applyModelPreprocessing, MODEL_SIZE, prepareHumanMap, prepareImage, type Preprocessing } from "@/lib/datasets/preprocess";
import type { PerImage } from "@/lib/metrics/aggregate";
import { AppError } from "@/lib/errors";
import { argmax, scoreImage } from "./score-image";
import type { Progress, SaliencyModel, Sample } from "./types";

export type RunOptions = {
  preprocessing: Preprocessing;
  batchSize: number;
  /** Only samples for which this holds are evaluated (a worker's share of the split). */
  include?: (index: number) => boolean;
  total?: number | null;
  onProgress?: (p: Progress) => void;
  onImage?: (p: PerImage) => void;
};

const PIXELS = MODEL_SIZE * MODEL_SIZE;

/**
 * Streams samples through the protocol: image 256→224 then the model's transform, human map 256→64→blur→224,
 * saliency and logits from the model in batches, per-image ρ / top-1 / Dice / IoU. Returns results in input order.
 *
 * One batch is in the engine while the previous one is scored and the next one decoded: an engine that computes off
 * the main thread (onnxruntime's thread pool) overlaps with the JavaScript around it. Two image buffers alternate, so
 * the batch in flight is never overwritten.
 */
export async function runSamples(model: SaliencyModel, samples: AsyncIterable<Sample>, opts: RunOptions): Promise<PerImage[]> {
  checkModel(model);
  if (!Number.isInteger(opts.batchSize) || opts.batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${opts.batchSize}`);
  }
  const buffers = [0, 1].map(() => ({ images: new Float32Array(opts.batchSize * PIXELS * 3), labels: new Int32Array(opts.batchSize) }));
  let filling = 0;
  let humans: Float32Array[] = [];
  let metas: Sample[] = [];
  const results: PerImage[] = [];
  const total = opts.total ?? null;
  type Computed = { metas: Sample[]; humans: Float32Array[]; saliency: Float32Array; logits: Float32Array };
  let inFlight: Promise<Computed> | null = null;

  const score = ({ metas: batch, humans: maps, saliency, logits }: Computed) => {
    const n = batch.length;
    if (saliency.length !== n * PIXELS) {
      throw new AppError("invalid_model", `The model returned ${saliency.length} saliency values for ${n} images (expected ${n * PIXELS})`);
    }
    if (logits.length !== n * model.numClasses) {
      throw new AppError("invalid_model", `The model returned ${logits.length} logits for ${n} images (expected ${n * model.numClasses})`);
    }
    for (let i = 0; i < n; i++) {
      const m = batch[i];
      const correct = argmax(logits, i * model.numClasses, model.numClasses) === m.label;
      const r = scoreImage(m, saliency.subarray(i * PIXELS, (i + 1) * PIXELS), maps[i], correct);
      results.push(r);
      opts.onImage?.(r);
    }
    opts.onProgress?.({ done: results.length, total });
  };

  /** Waits for the batch in the engine, sends the filled one, then scores the finished one while the engine runs. */
  const flush = async () => {
    const n = metas.length;
    if (n === 0) return;
    const finished = inFlight ? await inFlight : null;
    const { images, labels } = buffers[filling];
    const batch = { metas, humans };
    const computing = model
      .computeSaliency(images.subarray(0, n * PIXELS * 3), labels.subarray(0, n), n)
      .then((out) => ({ ...batch, ...out }));
    computing.catch(() => undefined); // awaited at the next flush or at the end; this only keeps it from counting as unhandled
    inFlight = computing;
    filling = 1 - filling;
    metas = [];
    humans = [];
    if (finished) score(finished);
  };

  for await (const s of samples) {
    if (opts.include && !opts.include(s.index)) continue;
    if (!Number.isInteger(s.label) || s.label < 0 || s.label >= model.numClasses) {
      if (inFlight) await inFlight; // an engine failure on an earlier batch comes first
      throw new AppError(
        "invalid_model",
        `Image ${s.index} (${s.shard} record ${s.recordInShard}) has label ${s.label}, outside the model's ${model.numClasses} classes`,
      );
    }
    const slot = metas.length;
    buffers[filling].images.set(applyModelPreprocessing(prepareImage(s.image), opts.preprocessing), slot * PIXELS * 3);
    buffers[filling].labels[slot] = s.label;
    humans.push(prepareHumanMap(s.heatmap));
    metas.push(s);
    if (metas.length === opts.batchSize) await flush();
  }
  await flush();
  if (inFlight) score(await inFlight);
  return results;
}

function checkModel(model: SaliencyModel): void {
  if (model.inputSize !== MODEL_SIZE) {
    throw new AppError(
      "invalid_model",
      `The protocol evaluates at ${MODEL_SIZE}×${MODEL_SIZE}; the model expects ${model.inputSize}×${model.inputSize}`,
    );
  }
  if (!Number.isInteger(model.numClasses) || model.numClasses < 1) {
    throw new AppError("invalid_model", `The model declares ${model.numClasses} classes; expected a positive integer`);
  }
}
