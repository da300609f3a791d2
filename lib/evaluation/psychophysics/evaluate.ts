/**
 * The psychophysics protocol run (docs/protocol.md §9): stimuli → centre crop, grey to RGB, the model's transform →
 * logits (a forward pass; gradients only where a model has no forward-only path) → the binary decision → per-image
 * rows and the per-level curve and score.
 */
import { readFile } from "node:fs/promises";
import { MODEL_SIZE, type Preprocessing } from "@/lib/datasets/preprocess";
import { decodeGreyPng } from "@/lib/datasets/psychophysics/png-grey";
import { prepareStimulus } from "@/lib/datasets/psychophysics/stimulus-image";
import { AppError } from "@/lib/errors";
import type { PerImage } from "@/lib/metrics/aggregate";
import type { LoadedModel } from "@/lib/models/loaded-model";
import { argmax } from "../score-image";
import type { LabelledStimulus } from "./stimuli";

export type StimulusRow = PerImage & { level: number };
export type LogitsModel = Pick<LoadedModel, "inputSize" | "numClasses" | "computeSaliency" | "computeLogits">;

const PIXELS = MODEL_SIZE * MODEL_SIZE * 3;

async function logitsOf(model: LogitsModel, images: Float32Array, n: number): Promise<Float32Array> {
  try {
    if (model.computeLogits) return await model.computeLogits(images, n);
    return (await model.computeSaliency(images, new Int32Array(n), n)).logits;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("invalid_model", `The model failed on a batch of ${n} image(s): ${(err as Error).message}`);
  }
}

export async function evaluateStimuli(
  model: LogitsModel,
  stimuli: readonly LabelledStimulus[],
  o: { preprocessing: Preprocessing; batchSize: number; decisionBoundary: number; onProgress?: (done: number) => void },
): Promise<StimulusRow[]> {
  if (model.inputSize !== MODEL_SIZE)
    throw new AppError(
      "invalid_model",
      `The protocol evaluates at ${MODEL_SIZE}×${MODEL_SIZE}; the model expects ${model.inputSize}×${model.inputSize}`,
    );
  const rows: StimulusRow[] = [];
  for (let start = 0; start < stimuli.length; start += o.batchSize) {
    const batch = stimuli.slice(start, start + o.batchSize);
    const images = new Float32Array(batch.length * PIXELS);
    for (const [i, s] of batch.entries()) {
      if (s.label >= model.numClasses)
        throw new AppError("invalid_model", `${s.shard} has label ${s.label}, outside the model's ${model.numClasses} classes`);
      let grey;
      try {
        grey = decodeGreyPng(await readFile(s.path), s.shard);
      } catch (err) {
        throw new AppError("invalid_data", (err as Error).message);
      }
      images.set(prepareStimulus(grey, o.preprocessing), i * PIXELS);
    }
    const logits = await logitsOf(model, images, batch.length);
    if (logits.length !== batch.length * model.numClasses) {
      throw new AppError(
        "invalid_model",
        `The model returned ${logits.length} logits for ${batch.length} images (expected ${batch.length * model.numClasses})`,
      );
    }
    for (const [i, s] of batch.entries()) {
      const predicted = argmax(logits, i * model.numClasses, model.numClasses);
      const correct = predicted < o.decisionBoundary === s.label < o.decisionBoundary;
      rows.push({
        index: s.index,
        shard: s.shard,
        label: s.label,
        spearman: null,
        correct,
        dice: null,
        iou: null,
        level: s.name.levelIndex,
      });
    }
    o.onProgress?.(rows.length);
  }
  return rows;
}
