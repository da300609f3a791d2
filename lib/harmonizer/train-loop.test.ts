import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shortcutSample } from "@/lib/datasets/synthetic-shortcut/samples";
import { loadTrainableLayers, readCheckpointState, restoreOptimizer, saveCheckpoint } from "./checkpoint";
import { DemoCnn } from "./demo-cnn";
import { layersTrainable } from "./layers-adapter";
import { preparedSampleData } from "./sample-batches";
import { trainHarmonizer, type EpochLog } from "./train-loop";

let dir: string;
beforeAll(async () => {
  await tf.setBackend("cpu");
  dir = await mkdtemp(path.join(tmpdir(), "train-loop-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const data = preparedSampleData(
  Array.from({ length: 4 }, (_, i) => shortcutSample(3, "train", i)),
  1 / 255,
);
const freshModel = () => new DemoCnn({ numClasses: 4, channels: [3, 4, 4], pool: 8, seed: 5 }).toLayersModel(1);
const options = { batchSize: 2, lambda: 1, seed: 9 };

/** Trains up to `epochs`, saving a checkpoint after each epoch as jobs/harmonize.ts does. */
async function run(model: tf.LayersModel, optimizer: tf.Optimizer, out: string, epochs: number, startEpoch = 0): Promise<EpochLog[]> {
  return trainHarmonizer(layersTrainable(model), optimizer, data, {
    ...options,
    epochs,
    startEpoch,
    onEpoch: async (e) => {
      await saveCheckpoint(out, model, optimizer, { epochsDone: e.epoch + 1, lambda: options.lambda, updatedAt: "t" });
    },
  });
}

describe("trainHarmonizer with checkpoints", () => {
  it("trains (2 steps per epoch) and a run resumed from its epoch-1 checkpoint equals the uninterrupted run", async () => {
    const initial = freshModel()
      .getWeights()
      .map((w) => w.dataSync().slice());

    const whole = freshModel();
    const logs = await run(whole, tf.train.adam(1e-2), path.join(dir, "whole"), 2);
    expect(logs.map((l) => [l.epoch, l.steps])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const l of logs) expect(l.mean.harmonization).toBeGreaterThan(0);
    const wholeWeights = whole.getWeights().map((w) => w.dataSync().slice());
    expect(wholeWeights.some((w, i) => w.some((v, k) => v !== initial[i][k]))).toBe(true);

    const cut = path.join(dir, "cut");
    await run(freshModel(), tf.train.adam(1e-2), cut, 1);
    const state = await readCheckpointState(cut);
    expect(state).toMatchObject({ epochsDone: 1, lambda: 1, checkpoint: path.join("checkpoints", "epoch-1") });
    const resumed = await loadTrainableLayers(path.join(cut, state!.checkpoint, "model"), 4);
    const optimizer = tf.train.adam(1e-2);
    await restoreOptimizer(path.join(cut, state!.checkpoint), optimizer);
    const resumedLogs = await run(resumed, optimizer, cut, 2, state!.epochsDone);
    expect(resumedLogs.map((l) => l.epoch)).toEqual([1]);
    expect(resumedLogs[0].mean).toEqual(logs[1].mean);
    resumed.getWeights().forEach((w, i) => expect(Array.from(w.dataSync())).toEqual(Array.from(wholeWeights[i])));
    expect((await readCheckpointState(cut))?.epochsDone).toBe(2);
  }, 120_000);

  it("reports a missing checkpoint as null and rejects a batch larger than the data", async () => {
    expect(await readCheckpointState(path.join(dir, "none"))).toBeNull();
    const model = freshModel();
    await expect(
      trainHarmonizer(layersTrainable(model), tf.train.adam(1e-2), data, { ...options, batchSize: 8, epochs: 1 }),
    ).rejects.toThrow(/has 4 samples, fewer than one batch of 8/);
  });
});
