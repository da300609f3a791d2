// One bench:eval measuring process: its own backend and model; evaluates generated ClickMe-shaped samples
// through the real pipeline (preprocessing, saliency, scoring) and prints one JSON line to stdout.
// argv: backend (an --backend value of the evaluate CLI), model (a TF.js model directory or a .onnx file), image count,
// seed, batch size, onnxruntime threads.
import { engineInfo, initEngine, type EngineChoice } from "@/lib/evaluation/engine";
import { IDENTITY_PREPROCESSING } from "@/lib/datasets/preprocess";
import { runSamples } from "@/lib/evaluation/run-samples";
import { makeSamples, streamOf } from "@/lib/evaluation/fixtures/samples";
import { loadModel } from "@/lib/models/load";

console.log = console.info = console.error;

const [backendName, modelPath, count, seed, batch, threads] = process.argv.slice(2);
const engine = await initEngine(backendName as EngineChoice, Number(threads ?? 1));
const tLoad = performance.now();
const cpuLoad0 = process.cpuUsage();
// loadModel is the worker's path for both formats (an ONNX file goes through lib/models/onnx via load-onnx.ts).
const model = await loadModel(modelPath, { numClasses: 1000, native: engine.native });
const backend = engineInfo(engine, model);
// The split of the per-image cost (issue #14 item 5): time inside the engine (forward + gradient) against the rest
// (JPEG decoding, resizes, blur, Spearman, Dice/IoU), counted over the timed run only.
let engineSeconds = 0;
let timing = false;
const timed = {
  ...model,
  computeSaliency: async (images: Float32Array, labels: Int32Array, n: number) => {
    const t = performance.now();
    const out = await model.computeSaliency(images, labels, n);
    if (timing) engineSeconds += (performance.now() - t) / 1000;
    return out;
  },
};
const loadSeconds = (performance.now() - tLoad) / 1000;
const cpuLoad = process.cpuUsage(cpuLoad0);
// Warm-up images: V8 tiers wasm and JS up over the first few images, and a real evaluation runs thousands.
const WARM_UP = 3;
const samples = makeSamples(Number(count) + WARM_UP, Number(seed), 1000);
const opts = { preprocessing: IDENTITY_PREPROCESSING, batchSize: Number(batch) };
const tFirst = performance.now();
await runSamples(timed, streamOf(samples.slice(0, 1)), { ...opts, batchSize: 1 });
const firstImageSeconds = (performance.now() - tFirst) / 1000;
await runSamples(timed, streamOf(samples.slice(1, WARM_UP)), opts);
// Barrier: the parent starts every process's timed run together, so 2-process throughput is concurrent.
process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
const t0 = performance.now();
const cpu0 = process.cpuUsage();
timing = true;
await runSamples(timed, streamOf(samples.slice(WARM_UP)), opts);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
model.dispose();
process.stdout.write(
  `${JSON.stringify({
    backend: backend.name + (backend.threads ? ` (${backend.threads} thread${backend.threads > 1 ? "s" : ""})` : ""),
    nativeFallback: backend.native_fallback ?? null,
    images: Number(count),
    params: model.paramCount,
    seconds,
    engineSeconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    loadSeconds,
    loadCpuSeconds: (cpuLoad.user + cpuLoad.system) / 1e6,
    firstImageSeconds,
  })}\n`,
);
