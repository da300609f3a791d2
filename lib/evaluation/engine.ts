/**
 * The --backend choice: a TensorFlow.js backend, or onnxruntime on the gradient graph (the native engine, issue #14).
 * tfjs is initialised in every case: TF.js models, and ONNX graphs the gradient builder cannot handle, run on it.
 */
import { cpus } from "node:os";
import type { NativeRequest } from "@/lib/models/load-onnx";
import { cpuUnavailableReason, cudaUnavailableReason } from "@/lib/models/ort/providers";
import { initBackend, type BackendChoice } from "@/lib/tf/backend";
import { ENGINE_CHOICES, type EngineChoice } from "@/lib/types";
import type { BackendInfo } from "./result";

export { ENGINE_CHOICES, type EngineChoice };

export type Engine = { tfjs: BackendInfo; native: NativeRequest };

/** One process's share of the cores: the evaluation's worker processes split the machine between them. */
export function defaultThreads(workers: number): number {
  return Math.max(1, Math.floor(cpus().length / Math.max(1, workers)));
}

/** At most this many CPU-stage threads per process by default: past it the engine, not the JavaScript, is the limit. */
export const MAX_AUTO_CPU_THREADS = 8;

/**
 * --cpu-threads auto: the cores the engines leave idle, shared between the processes. A CPU engine takes its intra-op
 * threads; a GPU engine one host thread. On a CPU node whose engines take every core that is 0 (the stages stay on
 * the main thread, where they already overlap with the engine); on a GPU node it is most of the machine.
 */
export function autoCpuThreads(engine: Engine, threads: number, workers: number): number {
  const engineCores = engine.native?.provider === "cuda" ? 1 : threads;
  const free = cpus().length - workers * engineCores;
  return Math.max(0, Math.min(MAX_AUTO_CPU_THREADS, Math.floor(free / Math.max(1, workers))));
}

/**
 * auto: onnxruntime's CUDA provider where it opens a session, else its CPU provider (bundled with onnxruntime-node),
 * else the tfjs chain (tfjs-node-gpu → tfjs-node → wasm → cpu). An explicitly requested engine that is missing throws.
 */
export async function initEngine(choice: EngineChoice, threads: number): Promise<Engine> {
  if (!(ENGINE_CHOICES as readonly string[]).includes(choice)) {
    throw new Error(`Unknown backend '${String(choice)}'. Allowed: ${ENGINE_CHOICES.join(", ")}`);
  }
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a positive integer, got ${threads}`);
  if (choice !== "auto" && choice !== "ort" && choice !== "ort-cuda")
    return { tfjs: await initBackend(choice as BackendChoice), native: null };
  const tfjs = await initBackend("auto");
  if (choice === "ort-cuda" || choice === "auto") {
    const why = await cudaUnavailableReason();
    if (!why) return { tfjs, native: { provider: "cuda", threads } };
    if (choice === "ort-cuda")
      throw new Error(
        `--backend ort-cuda: ${why}. Install onnxruntime's CUDA provider on this node (deploy/README.md) or use --backend ort`,
      );
  }
  const why = cpuUnavailableReason();
  if (!why) return { tfjs, native: { provider: "cpu", threads } };
  if (choice === "ort") throw new Error(`--backend ort: ${why}`);
  return { tfjs, native: null };
}

/** What provenance records: the engine that computed the scores, and why the native one was not used where asked. */
export function engineInfo(engine: Engine, model: { engine?: BackendInfo; nativeFallback?: string }): BackendInfo {
  if (model.engine) return model.engine;
  return model.nativeFallback ? { ...engine.tfjs, native_fallback: model.nativeFallback } : engine.tfjs;
}
