// One bench:eval measuring process: its own backend and model; evaluates generated ClickMe-shaped samples
// through the real pipeline (preprocessing, saliency, scoring) and prints one JSON line to stdout.
// argv: backend, model (a TF.js model directory or a .onnx file), image count, seed, batch size.
import { initBackend, type BackendChoice } from "@/lib/tf/backend";
import { IDENTITY_PREPROCESSING } from "@/lib/datasets/preprocess";
import { runSamples } from "@/lib/evaluation/run-samples";
import { makeSamples, streamOf } from "@/lib/evaluation/fixtures/samples";
import { loadModel } from "@/lib/models/load";

console.log = console.info = console.error;

const [backendName, modelPath, count, seed, batch] = process.argv.slice(2);
const backend = await initBackend(backendName as BackendChoice);
const tLoad = performance.now();
const cpuLoad0 = process.cpuUsage();
// loadModel is the worker's path for both formats (an ONNX file goes through lib/models/onnx via load-onnx.ts).
const model = await loadModel(modelPath, { numClasses: 1000 });
const loadSeconds = (performance.now() - tLoad) / 1000;
const cpuLoad = process.cpuUsage(cpuLoad0);
// Warm-up images: V8 tiers wasm and JS up over the first few images, and a real evaluation runs thousands.
const WARM_UP = 3;
const samples = makeSamples(Number(count) + WARM_UP, Number(seed), 1000);
const opts = { preprocessing: IDENTITY_PREPROCESSING, batchSize: Number(batch) };
const tFirst = performance.now();
await runSamples(model, streamOf(samples.slice(0, 1)), { ...opts, batchSize: 1 });
const firstImageSeconds = (performance.now() - tFirst) / 1000;
await runSamples(model, streamOf(samples.slice(1, WARM_UP)), opts);
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
  `${JSON.stringify({
    backend: backend.name,
    images: Number(count),
    params: model.paramCount,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    loadSeconds,
    loadCpuSeconds: (cpuLoad.user + cpuLoad.system) / 1e6,
    firstImageSeconds,
  })}\n`,
);
