// One bench:eval measuring process: its own backend and model; evaluates generated ClickMe-shaped samples
// through the real pipeline (preprocessing, saliency, scoring) and prints one JSON line to stdout.
import { initBackend, type BackendChoice } from "@/lib/tf/backend";
import { IDENTITY_PREPROCESSING } from "@/lib/datasets/preprocess";
import { runSamples } from "@/lib/evaluation/run-samples";
import { makeSamples, streamOf } from "@/lib/evaluation/fixtures/samples";
import { loadModel } from "@/lib/models/load";

console.log = console.info = console.error;

const [backendName, modelDir, count, seed, batch] = process.argv.slice(2);
const backend = await initBackend(backendName as BackendChoice);
const model = await loadModel(modelDir, { numClasses: 1000 });
// Warm-up images: V8 tiers wasm and JS up over the first few images, and a real evaluation runs thousands.
const WARM_UP = 3;
const samples = makeSamples(Number(count) + WARM_UP, Number(seed), 1000);
const opts = { preprocessing: IDENTITY_PREPROCESSING, batchSize: Number(batch) };
await runSamples(model, streamOf(samples.slice(0, WARM_UP)), opts);
// Barrier: the parent starts every process's timed run together, so 2-process throughput is concurrent.
process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
const t0 = performance.now();
const cpu0 = process.cpuUsage();
await runSamples(model, streamOf(samples.slice(WARM_UP)), opts);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
model.dispose();
process.stdout.write(
  `${JSON.stringify({ backend: backend.name, images: Number(count), seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
