/**
 * The demo recipe (docs/harmonizer.md): trains the baseline (cross-entropy only) or the harmonized demo CNN on the
 * shortcut split, exports it as a tf.layers model and scores it on the shortcut test split with the protocol.
 * npx tsx jobs/train-demo.ts --variant baseline|harmonized --out models/demo/NAME [--epochs N --train N --test N]
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs";
import { getBenchmark } from "@/lib/benchmarks";
import { SHORTCUT_CLASSES } from "@/lib/datasets/synthetic-shortcut/render";
import { shortcutSample, shortcutSamples } from "@/lib/datasets/synthetic-shortcut/samples";
import { runSamples } from "@/lib/evaluation/run-samples";
import { IDENTITY_PREPROCESSING } from "@/lib/datasets/preprocess";
import { aggregateScores } from "@/lib/metrics/aggregate";
import { DemoCnn } from "@/lib/harmonizer/demo-cnn";
import { preparedSampleData } from "@/lib/harmonizer/sample-batches";
import { trainHarmonizer, type EpochLog } from "@/lib/harmonizer/train-loop";
import { directorySaveHandler } from "@/lib/models/io-handler";
import { loadModel } from "@/lib/models/load";
import { initBackend, type BackendChoice } from "@/lib/tf/backend";
import { DEMO_RECIPE } from "@/lib/harmonizer/demo-recipe";

const { values } = parseArgs({
  options: {
    variant: { type: "string" },
    out: { type: "string" },
    epochs: { type: "string" },
    train: { type: "string" },
    test: { type: "string" },
    lambda: { type: "string" },
    lr: { type: "string" },
    "batch-size": { type: "string" },
    backend: { type: "string", default: "wasm" },
  },
});
if (values.variant !== "baseline" && values.variant !== "harmonized") throw new Error("--variant must be baseline or harmonized");
if (!values.out) throw new Error("--out DIR is required");
const variant = values.variant;
const R = DEMO_RECIPE;
const epochs = values.epochs ? Number(values.epochs) : R.epochs;
const trainImages = values.train ? Number(values.train) : R.trainImages;
const testImages = values.test ? Number(values.test) : R.testImages;
const lambda = values.lambda ? Number(values.lambda) : R.lambda[variant];
const learningRate = values.lr ? Number(values.lr) : R.learningRate;
const batchSize = values["batch-size"] ? Number(values["batch-size"]) : R.batchSize;

const backend = await initBackend(values.backend as BackendChoice);
const model = new DemoCnn({ numClasses: SHORTCUT_CLASSES.length, channels: [...R.channels], pool: R.pool, seed: R.initSeed });
const optimizer = tf.train.adam(learningRate);
const data = preparedSampleData(
  Array.from({ length: trainImages }, (_, i) => shortcutSample(R.dataSeed, "train", i)),
  R.inputScale,
);
const t0 = Date.now();
const epochLogs: EpochLog[] = await trainHarmonizer(model, optimizer, data, {
  epochs,
  batchSize,
  lambda,
  seed: R.shuffleSeed,
  monitorEvery: 8,
  onStep: (s, done, total) => {
    if (done % 8 === 0 || done === total) {
      console.log(
        `[${variant}] ${done}/${total} ce=${s.crossEntropy.toFixed(4)} h=${s.harmonization.toFixed(4)} wd=${s.weightDecay.toFixed(1)} ${s.ms}ms`,
      );
    }
  },
  onEpoch: (e) => console.log(`[${variant}] epoch ${e.epoch}: ${JSON.stringify(e.mean)} ${e.seconds.toFixed(0)}s`),
});
const trainSeconds = (Date.now() - t0) / 1000;

const out = path.resolve(values.out);
const layers = model.toLayersModel(R.inputScale);
await layers.save(directorySaveHandler(out));
layers.dispose();

const loaded = await loadModel(out, { numClasses: SHORTCUT_CLASSES.length });
const perImage = await runSamples(loaded, shortcutSamples(R.dataSeed, "test", testImages), {
  preprocessing: IDENTITY_PREPROCESSING,
  batchSize: 8,
  total: testImages,
});
loaded.dispose();
const scores = aggregateScores(perImage, getBenchmark("shortcut").ceiling ?? 0.65753);
const report = { variant, lambda, epochs, trainImages, testImages, recipe: R, backend, trainSeconds, epochLogs, testScores: scores };
await writeFile(path.join(out, "training.json"), JSON.stringify(report, null, 2) + "\n");
console.log(JSON.stringify({ variant, trainSeconds, scores }, null, 2));
