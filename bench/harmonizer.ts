// npm run bench:harmonizer: time and peak tensor memory of one neural-harmonizer training step of the demo CNN
// (jobs/train-demo.ts) per backend, batch size and λ; writes its section of docs/benchmarks.md.
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs";
import { shortcutSample } from "@/lib/datasets/synthetic-shortcut/samples";
import { DemoCnn } from "@/lib/harmonizer/demo-cnn";
import { harmonizerStep } from "@/lib/harmonizer/harmonizer-loss";
import { disposeBatch, preparedSampleData } from "@/lib/harmonizer/sample-batches";
import { initBackend, type BackendChoice } from "@/lib/tf/backend";
import { DEMO_RECIPE } from "@/lib/harmonizer/demo-recipe";

const ROOT = process.cwd();
const START = "<!-- bench:harmonizer:start -->";
const END = "<!-- bench:harmonizer:end -->";
const { values } = parseArgs({
  options: {
    backends: { type: "string", default: "wasm,cpu" },
    batches: { type: "string", default: "4,8,16" },
    "cpu-batches": { type: "string", default: "4" },
    steps: { type: "string", default: "5" },
    write: { type: "boolean", default: true },
  },
});
const backends = values.backends!.split(",") as BackendChoice[];
const batches = values.batches!.split(",").map(Number);
// The cpu backend is ~10× slower per step: by default it is measured at the smallest batch only.
const cpuBatches = values["cpu-batches"]!.split(",").map(Number);
const steps = Number(values.steps);
if (![...batches, ...cpuBatches].every((b) => Number.isInteger(b) && b >= 1))
  throw new Error(`--batches must be positive integers, got '${values.batches}'`);
if (!Number.isInteger(steps) || steps < 2)
  throw new Error(`--steps must be an integer ≥ 2 (the first step is a warm-up), got '${values.steps}'`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const samples = Array.from({ length: Math.max(...batches, ...cpuBatches) }, (_, i) => shortcutSample(DEMO_RECIPE.dataSeed, "train", i));
const rows: string[] = [];
const loadAtStart = os.loadavg()[0];

for (const backend of backends) {
  await initBackend(backend);
  const data = preparedSampleData(samples, DEMO_RECIPE.inputScale);
  for (const batchSize of backend === "cpu" ? cpuBatches : batches) {
    for (const lambda of [0, 1]) {
      const model = new DemoCnn({ numClasses: 4, channels: [...DEMO_RECIPE.channels], pool: DEMO_RECIPE.pool, seed: DEMO_RECIPE.initSeed });
      const optimizer = tf.train.adam(DEMO_RECIPE.learningRate);
      const ms: number[] = [];
      let peakBytes = 0;
      for (let s = 0; s <= steps; s++) {
        const batch = data.batch(Array.from({ length: batchSize }, (_, i) => i));
        if (s < steps) {
          const t0 = performance.now();
          harmonizerStep(model, optimizer, batch, lambda);
          if (s > 0) ms.push(performance.now() - t0);
        } else {
          // One more step under tf.profile for the peak bytes held by tensors (its bookkeeping slows it several-fold).
          peakBytes = (await tf.profile(() => void harmonizerStep(model, optimizer, batch, lambda))).peakBytes;
        }
        disposeBatch(batch);
      }
      model.dispose();
      optimizer.dispose();
      const row = `| ${tf.getBackend()} | ${batchSize} | ${lambda} | ${median(ms).toFixed(0)} | ${(median(ms) / batchSize).toFixed(0)} | ${(peakBytes / 2 ** 20).toFixed(0)} | ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} |`;
      console.error(row);
      rows.push(row);
    }
  }
}

const cpus = os.cpus();
const section = [
  START,
  "## Harmonizer training step (`npm run bench:harmonizer`)\n",
  `Run ${new Date().toISOString()} on ${cpus[0]?.model.trim()} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ` +
    `load average ${loadAtStart.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end (other processes share this machine).\n`,
  `One optimiser step of the demo CNN (channels ${DEMO_RECIPE.channels.join("/")}, pool ${DEMO_RECIPE.pool}, 224² input, 4 classes) ` +
    `with the harmonizer loss; λ = 0 skips the saliency, λ = 1 adds the second-order gradient through it. ` +
    `Median of ${steps - 1} timed steps after a warm-up; peak = the most bytes held by tensors during one more, profiled step (tf.profile); ` +
    `RSS = the process after the row.\n`,
  "| backend | batch | λ | ms / step | ms / image | peak tensor MiB | RSS MiB |",
  "|---|---|---|---|---|---|---|",
  ...rows,
  END,
].join("\n");
if (values.write) {
  const file = path.join(ROOT, "docs/benchmarks.md");
  const current = await readFile(file, "utf8");
  const s = current.indexOf(START);
  const e = current.indexOf(END);
  const next = s >= 0 && e > s ? current.slice(0, s) + section + current.slice(e + END.length) : `${current.trimEnd()}\n\n${section}\n`;
  await writeFile(file, next);
  console.error(`wrote the bench:harmonizer section of ${path.relative(ROOT, file)}`);
}
