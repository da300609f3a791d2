// One bench:eval measuring process: its own backend and model; evaluates generated ClickMe-shaped samples
// through the real pipeline (preprocessing, saliency, scoring) and prints one JSON line to stdout.
// argv: backend (an --backend value of the evaluate CLI), model (a TF.js model directory, a .onnx file, or
// "zero-cost": an engine stand-in that answers at once, so what remains is the pipeline around it), image count, seed,
// batch size, onnxruntime threads, and optionally a ClickMe-format split directory with the CPU-stage thread count:
// then the images are the split's real JPEG records read by the evaluate command's own path (evaluateRange), not
// pre-decoded samples.
import { IDENTITY_PREPROCESSING } from "@/lib/datasets/preprocess";
import { engineInfo, initEngine, type EngineChoice } from "@/lib/evaluation/engine";
import { makeSamples, streamOf } from "@/lib/evaluation/fixtures/samples";
import { evaluateRange } from "@/lib/evaluation/run";
import { runSamples } from "@/lib/evaluation/run-samples";
import type { SaliencyModel } from "@/lib/evaluation/types";
import { loadModel } from "@/lib/models/load";
import { mulberry32 } from "@/lib/metrics/prng";

console.log = console.info = console.error;

const [backendName, modelPath, count, seed, batch, threads, splitDir, cpuThreadsArg] = process.argv.slice(2);
const engine = await initEngine(backendName as EngineChoice, Number(threads ?? 1));
const tLoad = performance.now();
const cpuLoad0 = process.cpuUsage();

/** Answers every batch with one fixed random saliency map (Spearman needs a non-constant one) and zero logits. */
function zeroCostEngine(): SaliencyModel & { paramCount: number; dispose(): void } {
  const rand = mulberry32(Number(seed));
  const map = Float32Array.from({ length: 224 * 224 }, () => rand());
  return {
    inputSize: 224,
    numClasses: 1000,
    paramCount: 0,
    dispose() {},
    computeSaliency: async (_images, _labels, n) => {
      const saliency = new Float32Array(n * map.length);
      for (let i = 0; i < n; i++) saliency.set(map, i * map.length);
      return { saliency, logits: new Float32Array(n * 1000) };
    },
  };
}

// loadModel is the worker's path for both formats (an ONNX file goes through lib/models/onnx via load-onnx.ts).
const loaded = modelPath === "zero-cost" ? null : await loadModel(modelPath, { numClasses: 1000, native: engine.native });
const model = loaded ?? zeroCostEngine();
const backend: { name: string; threads?: number; native_fallback?: string } = loaded
  ? engineInfo(engine, loaded)
  : { name: "zero-cost engine" };
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
const opts = { preprocessing: IDENTITY_PREPROCESSING, batchSize: Number(batch) };
/** Images [start, start + n): the split's records through evaluateRange, or generated decoded samples. */
const evaluate: (start: number, n: number, batchSize: number) => Promise<unknown> = splitDir
  ? (start, n, batchSize) =>
      evaluateRange({
        model: timed,
        dataDir: splitDir,
        plan: { maxShardIndex: undefined, numClasses: 10, total: WARM_UP + Number(count) },
        preprocessing: IDENTITY_PREPROCESSING,
        batchSize,
        cpuThreads: Number(cpuThreadsArg ?? 0),
        start,
        count: n,
      })
  : (() => {
      const samples = makeSamples(Number(count) + WARM_UP, Number(seed), 1000);
      return (start: number, n: number, batchSize: number) =>
        runSamples(timed, streamOf(samples.slice(start, start + n)), { ...opts, batchSize });
    })();
const tFirst = performance.now();
await evaluate(0, 1, 1);
const firstImageSeconds = (performance.now() - tFirst) / 1000;
await evaluate(1, WARM_UP - 1, opts.batchSize);
// Barrier: the parent starts every process's timed run together, so 2-process throughput is concurrent.
process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
const t0 = performance.now();
const cpu0 = process.cpuUsage();
timing = true;
await evaluate(WARM_UP, Number(count), opts.batchSize);
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
