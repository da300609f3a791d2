/**
 * npm run harmonize -- --model DIR --data DIR --epochs N --lambda L --out DIR [options]
 * Fine-tunes a tf.layers model with the neural harmonizer loss (protocol.md §5) on ClickMe-format TFRecord shards.
 */
import { appendFileSync } from "node:fs";
import { appendFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs";
import { readClickMe } from "@/lib/datasets/clickme";
import type { Sample } from "@/lib/evaluation/types";
import { loadTrainableLayers, readCheckpointState, restoreOptimizer, saveCheckpoint } from "@/lib/harmonizer/checkpoint";
import { layersTrainable } from "@/lib/harmonizer/layers-adapter";
import { preparedSampleData } from "@/lib/harmonizer/sample-batches";
import { trainHarmonizer } from "@/lib/harmonizer/train-loop";
import { directorySaveHandler } from "@/lib/models/io-handler";
import { initBackend, type BackendChoice } from "@/lib/tf/backend";

const USAGE = `Usage: npm run harmonize -- --model DIR --data DIR --epochs N --out DIR [options]
  --lambda L        weight of the alignment term (default 1)
  --batch-size N    (default 8)      --lr X   Adam learning rate (default 1e-4)
  --limit N         use the first N records only      --num-classes N (default 1000)
  --scale S         model input x' = x·S (default 1)  --seed N (default 0)
  --backend NAME    auto | tensorflow | wasm | cpu (default auto)
  --resume          continue from the last checkpoint in --out`;

const { values } = parseArgs({
  options: {
    model: { type: "string" },
    data: { type: "string" },
    out: { type: "string" },
    epochs: { type: "string" },
    lambda: { type: "string", default: "1" },
    "batch-size": { type: "string", default: "8" },
    lr: { type: "string", default: "1e-4" },
    limit: { type: "string" },
    "num-classes": { type: "string", default: "1000" },
    scale: { type: "string", default: "1" },
    seed: { type: "string", default: "0" },
    backend: { type: "string", default: "auto" },
    resume: { type: "boolean", default: false },
  },
});
function num(flag: string, v: string | undefined, check: (n: number) => boolean, allowed: string): number {
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n) || !check(n)) {
    console.error(`${flag} must be ${allowed}, got '${v ?? ""}'\n${USAGE}`);
    process.exit(2);
  }
  return n;
}
const isPosInt = (n: number) => Number.isInteger(n) && n >= 1;
if (!values.model || !values.data || !values.out) {
  console.error(`--model, --data and --out are required\n${USAGE}`);
  process.exit(2);
}
const epochs = num("--epochs", values.epochs, isPosInt, "an integer ≥ 1");
const lambda = num("--lambda", values.lambda, (n) => n >= 0, "a number ≥ 0");
const batchSize = num("--batch-size", values["batch-size"], isPosInt, "an integer ≥ 1");
const lr = num("--lr", values.lr, (n) => n > 0, "a number > 0");
const numClasses = num("--num-classes", values["num-classes"], isPosInt, "an integer ≥ 1");
const scale = num("--scale", values.scale, (n) => n !== 0, "a non-zero number");
const seed = num("--seed", values.seed, Number.isInteger, "an integer");
const limit = values.limit === undefined ? undefined : num("--limit", values.limit, isPosInt, "an integer ≥ 1");
const out = path.resolve(values.out);

const backend = await initBackend(values.backend as BackendChoice);
const state = values.resume ? await readCheckpointState(out) : null;
if (values.resume && !state) console.error(`No checkpoint in ${out}: starting from --model`);
const modelDir = state ? path.join(out, state.checkpoint, "model") : values.model;
const model = await loadTrainableLayers(modelDir, numClasses);
const optimizer = tf.train.adam(lr);
if (state) await restoreOptimizer(path.join(out, state.checkpoint), optimizer);

const samples: Sample[] = [];
for await (const s of readClickMe(values.data, { limit, numClasses })) samples.push(s);
const data = preparedSampleData(samples, scale);
await mkdir(out, { recursive: true });
const stepLog = path.join(out, "steps.jsonl");
const startEpoch = state?.epochsDone ?? 0;
console.error(`[harmonize] backend=${backend.name} images=${data.size} epochs=${startEpoch}→${epochs} λ=${lambda}`);

const epochLogs = await trainHarmonizer(layersTrainable(model), optimizer, data, {
  epochs,
  batchSize,
  lambda,
  seed,
  startEpoch,
  monitorEvery: lambda === 0 ? 10 : 0,
  onStep: (s, done, total) => {
    appendFileSync(stepLog, JSON.stringify(s) + "\n");
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(
      `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} loss=${s.total.toFixed(4)} ce=${s.crossEntropy.toFixed(4)} h=${s.harmonization.toFixed(4)} ${s.ms}ms `,
    );
  },
  onEpoch: async (e) => {
    process.stderr.write("\n");
    await saveCheckpoint(out, model, optimizer, { epochsDone: e.epoch + 1, lambda, updatedAt: new Date().toISOString() });
    await appendFile(path.join(out, "epochs.jsonl"), JSON.stringify(e) + "\n");
  },
});
await model.save(directorySaveHandler(path.join(out, "final")));
await writeFile(path.join(out, "log.json"), JSON.stringify({ backend, lambda, lr, batchSize, scale, epochs: epochLogs }, null, 2) + "\n");
console.error(`[harmonize] done: ${path.join(out, "final")}`);
