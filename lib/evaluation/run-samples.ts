import { MODEL_SIZE, type Preprocessing } from "@/lib/datasets/preprocess";
import type { PerImage } from "@/lib/metrics/aggregate";
import { AppError } from "@/lib/errors";
import type { CpuPool } from "./cpu-pool";
import { prepareSample, type PreparedImage } from "./image-stages";
import { argmax, scoreImage } from "./score-image";
import type { Progress, SaliencyModel, Sample } from "./types";

export type PipelineOptions = {
  batchSize: number;
  total?: number | null;
  /** Scores on these threads instead of the main thread (results are identical). */
  pool?: CpuPool | null;
  onProgress?: (p: Progress) => void;
  onImage?: (p: PerImage) => void;
};

export type RunOptions = PipelineOptions & {
  preprocessing: Preprocessing;
  /** Only samples for which this holds are evaluated (a worker's share of the split). */
  include?: (index: number) => boolean;
};

const PIXELS = MODEL_SIZE * MODEL_SIZE;

/** Decoded samples through the protocol's CPU stages on this thread, then the engine and scoring (runPrepared). */
export function runSamples(model: SaliencyModel, samples: AsyncIterable<Sample>, opts: RunOptions): Promise<PerImage[]> {
  async function* prepared(): AsyncGenerator<PreparedImage> {
    for await (const s of samples) if (!opts.include || opts.include(s.index)) yield prepareSample(s, opts.preprocessing);
  }
  return runPrepared(model, prepared(), opts);
}

/**
 * Prepared images (model input, blurred human map) through the model in batches, then per-image ρ / top-1 /
 * Dice / IoU. Returns results in input order.
 *
 * One batch is in the engine while the previous one is scored and the next one prepared: an engine that computes off
 * the main thread (onnxruntime's thread pool) overlaps with the JavaScript around it, and with a CpuPool that
 * JavaScript leaves the main thread too. Two input buffers alternate, so the batch in flight is never overwritten.
 */
export async function runPrepared(model: SaliencyModel, items: AsyncIterable<PreparedImage>, opts: PipelineOptions): Promise<PerImage[]> {
  checkModel(model);
  if (!Number.isInteger(opts.batchSize) || opts.batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${opts.batchSize}`);
  }
  const buffers = [0, 1].map(() => ({ images: new Float32Array(opts.batchSize * PIXELS * 3), labels: new Int32Array(opts.batchSize) }));
  let filling = 0;
  let batch: Omit<PreparedImage, "input">[] = [];
  const results: PerImage[] = [];
  const total = opts.total ?? null;
  type Computed = { batch: Omit<PreparedImage, "input">[]; saliency: Float32Array; logits: Float32Array };
  let inFlight: Promise<Computed> | null = null;

  const score = async ({ batch: done, saliency, logits }: Computed) => {
    const n = done.length;
    if (saliency.length !== n * PIXELS) {
      throw new AppError("invalid_model", `The model returned ${saliency.length} saliency values for ${n} images (expected ${n * PIXELS})`);
    }
    if (logits.length !== n * model.numClasses) {
      throw new AppError("invalid_model", `The model returned ${logits.length} logits for ${n} images (expected ${n * model.numClasses})`);
    }
    const { pool } = opts;
    const scored = done.map(({ meta, human }, i) => {
      const correct = argmax(logits, i * model.numClasses, model.numClasses) === meta.label;
      // The pool takes the buffers it is handed, so it gets a copy of each image's saliency; this thread reads a view.
      return pool
        ? pool.score(meta, saliency.slice(i * PIXELS, (i + 1) * PIXELS), human, correct)
        : scoreImage(meta, saliency.subarray(i * PIXELS, (i + 1) * PIXELS), human, correct);
    });
    for (const r of await Promise.all(scored)) {
      results.push(r);
      opts.onImage?.(r);
    }
    opts.onProgress?.({ done: results.length, total });
  };

  /** Waits for the batch in the engine, sends the filled one, then scores the finished one while the engine runs. */
  const flush = async () => {
    const n = batch.length;
    if (n === 0) return;
    const finished = inFlight ? await inFlight : null;
    const { images, labels } = buffers[filling];
    const sent = batch;
    const computing = model
      .computeSaliency(images.subarray(0, n * PIXELS * 3), labels.subarray(0, n), n)
      .then((out) => ({ batch: sent, ...out }));
    computing.catch(() => undefined); // awaited at the next flush or at the end; this only keeps it from counting as unhandled
    inFlight = computing;
    filling = 1 - filling;
    batch = [];
    if (finished) await score(finished);
  };

  for await (const { meta, input, human } of items) {
    if (!Number.isInteger(meta.label) || meta.label < 0 || meta.label >= model.numClasses) {
      if (inFlight) await inFlight; // an engine failure on an earlier batch comes first
      throw new AppError(
        "invalid_model",
        `Image ${meta.index} (${meta.shard} record ${meta.recordInShard}) has label ${meta.label}, outside the model's ${model.numClasses} classes`,
      );
    }
    const slot = batch.length;
    buffers[filling].images.set(input, slot * PIXELS * 3);
    buffers[filling].labels[slot] = meta.label;
    batch.push({ meta, human });
    if (batch.length === opts.batchSize) await flush();
  }
  await flush();
  if (inFlight) await score(await inFlight);
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
