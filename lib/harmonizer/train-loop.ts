import * as tf from "@tensorflow/tfjs";
import { mulberry32 } from "@/lib/metrics/prng";
import {
  harmonizationOnly,
  harmonizerStep,
  type HarmonizerBatch,
  type LossTerms,
  type TrainableModel,
} from "@/lib/harmonizer/harmonizer-loss";
import { disposeBatch } from "@/lib/harmonizer/sample-batches";

/** A finite, indexable training set: `batch` builds the tensors of the given sample indices. */
export type TrainingData = { size: number; batch(indices: number[]): HarmonizerBatch };

export type StepLog = LossTerms<number> & { epoch: number; step: number; ms: number };
export type EpochLog = { epoch: number; steps: number; mean: LossTerms<number>; seconds: number };

export type TrainOptions = {
  epochs: number;
  batchSize: number;
  lambda: number;
  seed: number;
  /** First epoch to run (0-based): a resumed run continues here with the same per-epoch shuffles. */
  startEpoch?: number;
  /** With λ = 0, also measure the (untrained) harmonization term every this many steps (0: never). */
  monitorEvery?: number;
  onStep?: (log: StepLog, done: number, total: number) => void;
  onEpoch?: (log: EpochLog) => Promise<void> | void;
};

/** Seeded Fisher–Yates permutation of 0..n−1 for an epoch: resuming at epoch e reproduces the same order. */
export function epochOrder(n: number, seed: number, epoch: number): number[] {
  const rand = mulberry32((seed * 1000003 + epoch) >>> 0);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

function positiveInt(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be an integer ≥ 1, got ${v}`);
}

/** Mini-batch training with the harmonizer loss; the last partial batch of an epoch is dropped. */
export async function trainHarmonizer(
  model: TrainableModel,
  optimizer: tf.Optimizer,
  data: TrainingData,
  opts: TrainOptions,
): Promise<EpochLog[]> {
  positiveInt("epochs", opts.epochs);
  positiveInt("batchSize", opts.batchSize);
  const stepsPerEpoch = Math.floor(data.size / opts.batchSize);
  if (stepsPerEpoch < 1) throw new Error(`The data has ${data.size} samples, fewer than one batch of ${opts.batchSize}`);
  const start = opts.startEpoch ?? 0;
  const total = (opts.epochs - start) * stepsPerEpoch;
  const logs: EpochLog[] = [];
  let done = 0;
  for (let epoch = start; epoch < opts.epochs; epoch++) {
    const t0 = Date.now();
    const order = epochOrder(data.size, opts.seed, epoch);
    const sum: LossTerms<number> = { total: 0, crossEntropy: 0, weightDecay: 0, harmonization: 0 };
    let monitored = 0;
    for (let step = 0; step < stepsPerEpoch; step++) {
      const s0 = Date.now();
      const batch = data.batch(order.slice(step * opts.batchSize, (step + 1) * opts.batchSize));
      try {
        const terms = harmonizerStep(model, optimizer, batch, opts.lambda);
        if (opts.lambda === 0 && opts.monitorEvery && step % opts.monitorEvery === 0) {
          terms.harmonization = harmonizationOnly(model, batch);
          monitored++;
        }
        for (const k of Object.keys(sum) as (keyof LossTerms<number>)[]) sum[k] += terms[k];
        done++;
        opts.onStep?.({ ...terms, epoch, step, ms: Date.now() - s0 }, done, total);
      } finally {
        disposeBatch(batch);
      }
    }
    const hDen = opts.lambda === 0 ? Math.max(monitored, 1) : stepsPerEpoch;
    const mean: LossTerms<number> = {
      total: sum.total / stepsPerEpoch,
      crossEntropy: sum.crossEntropy / stepsPerEpoch,
      weightDecay: sum.weightDecay / stepsPerEpoch,
      harmonization: sum.harmonization / hDen,
    };
    const log: EpochLog = { epoch, steps: stepsPerEpoch, mean, seconds: (Date.now() - t0) / 1000 };
    logs.push(log);
    await opts.onEpoch?.(log);
  }
  return logs;
}
