import { getBenchmark } from "@/lib/benchmarks";
import { AppError } from "@/lib/errors";
import type { Preprocessing } from "@/lib/datasets/preprocess";
import type { PerImage } from "@/lib/metrics/aggregate";
import { loadModel, type LoadedModel } from "@/lib/models/load";
import type { CrossCheck } from "@/lib/models/ort/cross-check";
import { resolveBatchSize } from "./batch-size";
import { crossCheckModel } from "./cross-check-step";
import { autoCpuThreads, engineInfo, initEngine, type Engine, type EngineChoice } from "./engine";
import type { BatchSizeChoice, CpuThreadsChoice, EvaluateArgs } from "./cli-args";
import { runInWorkers, WorkerError } from "./parallel";
import { buildEvaluationResult, type BackendInfo, type EvaluationResult, type ModelInfo } from "./result";
import { evaluateRange, planSplit, type SplitPlan } from "./run";
import { writeThumbnails } from "./thumbnails";
import { workerRange } from "./worker-protocol";

/** Exit codes of the evaluate CLI; jobs/run-evaluation.ts treats 3 as "this model cannot be evaluated". */
export const EXIT = { ok: 0, failed: 1, usage: 2, invalidModel: 3, invalidData: 4 } as const;

export type EvaluateTask = {
  model: string;
  logitsNode: string | null;
  dataDir: string;
  plan: Pick<SplitPlan, "maxShardIndex" | "numClasses" | "total">;
  preprocessing: Preprocessing;
  batchSize: BatchSizeChoice;
  backend: EngineChoice;
  threads: number;
  cpuThreads: CpuThreadsChoice;
  /** How many processes share the machine (for cpuThreads auto). */
  workers: number;
  start: number;
  count: number;
};
export type WorkerInfo = { backend: BackendInfo; model: ModelInfo; cpuThreads: number };

const resolveCpuThreads = (choice: CpuThreadsChoice, engine: Engine, threads: number, workers: number) =>
  choice === "auto" ? autoCpuThreads(engine, threads, workers) : choice;

export const WORKER_SCRIPT = "jobs/evaluate-child.ts";

/**
 * Loads a model; any failure to load it or to run it on an image is the model's (missing files, bad topology,
 * unsupported ops, a shape that breaks at run time). Failures outside it (backend, data, the machine) keep their class.
 */
export async function loadModelOrInvalid(
  modelPath: string,
  numClasses: number,
  logitsNode: string | null = null,
  engine: Engine | null = null,
): Promise<LoadedModel> {
  let model: LoadedModel;
  try {
    model = await loadModel(modelPath, { numClasses, logitsNode: logitsNode ?? undefined, native: engine?.native ?? null });
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("invalid_model", `Cannot load model ${modelPath}: ${(err as Error).message}`);
  }
  return {
    ...model,
    computeSaliency: async (images, labels, n) => {
      try {
        return await model.computeSaliency(images, labels, n);
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw new AppError("invalid_model", `The model failed on a batch of ${n} image(s): ${(err as Error).message}`);
      }
    },
  };
}

export const modelInfo = (m: LoadedModel): ModelInfo => ({
  format: m.format,
  weightsHash: m.weightsHash,
  paramCount: m.paramCount,
  numClasses: m.numClasses,
});

/** What the worker process does: its own backend, its own model, its contiguous share of the split. */
export async function runWorkerTask(task: EvaluateTask, ready: (info: WorkerInfo) => void, emit: (r: PerImage) => void): Promise<void> {
  const engine = await initEngine(task.backend, task.threads);
  const model = await loadModelOrInvalid(task.model, task.plan.numClasses, task.logitsNode, engine);
  try {
    const cpuThreads = resolveCpuThreads(task.cpuThreads, engine, task.threads, task.workers);
    ready({ backend: engineInfo(engine, model), model: modelInfo(model), cpuThreads });
    const batchSize = resolveBatchSize(task.batchSize, model.paramCount);
    await evaluateRange({ ...task, batchSize, cpuThreads, dataDir: task.dataDir, model, onImage: emit });
  } finally {
    model.dispose();
  }
}

export type CommandHooks = { progress: (total: number) => { update(done: number): void; tick(): void; finish(): void } };

/** The whole evaluate command: plan the split, evaluate it in one or several processes, build the record. */
export async function runEvaluateCommand(args: EvaluateArgs, hooks: CommandHooks): Promise<EvaluationResult> {
  const benchmark = getBenchmark(args.benchmark);
  const startedAt = new Date();
  let plan: SplitPlan;
  try {
    plan = await planSplit(args.data, benchmark, args.limit);
  } catch (err) {
    throw err instanceof AppError ? err : new AppError("invalid_data", (err as Error).message);
  }
  const taskPlan = { maxShardIndex: plan.maxShardIndex, numClasses: plan.numClasses, total: plan.total };
  const base = {
    model: args.model,
    logitsNode: args.logitsNode,
    dataDir: args.data,
    plan: taskPlan,
    preprocessing: args.preprocessing,
    batchSize: args.batchSize,
    backend: args.backend,
    threads: args.threads,
    cpuThreads: args.cpuThreads,
    workers: args.workers,
  };
  const crossCheckOf = (model: LoadedModel) =>
    crossCheckModel(model, { dataDir: args.data, plan: taskPlan, preprocessing: args.preprocessing, images: args.crossCheck });
  let perImage: PerImage[];
  let info: WorkerInfo;
  let crossCheck: CrossCheck | null = null;
  let cpuThreads = 0;
  if (args.workers === 1) {
    const engine = await initEngine(args.backend, args.threads);
    const model = await loadModelOrInvalid(args.model, plan.numClasses, args.logitsNode, engine);
    const bar = hooks.progress(plan.total);
    try {
      crossCheck = await crossCheckOf(model);
      const batchSize = resolveBatchSize(args.batchSize, model.paramCount);
      cpuThreads = resolveCpuThreads(args.cpuThreads, engine, args.threads, 1);
      perImage = await evaluateRange({ ...base, batchSize, cpuThreads, model, onProgress: (p) => bar.update(p.done) });
      if (args.thumbnails) {
        await writeThumbnails({
          model,
          dataDir: args.data,
          plan: taskPlan,
          preprocessing: args.preprocessing,
          perImage,
          dir: args.thumbnails,
        });
      }
    } finally {
      model.dispose();
      bar.finish();
    }
    info = { backend: engineInfo(engine, model), model: modelInfo(model), cpuThreads };
  } else {
    if (args.crossCheck > 0) {
      const engine = await initEngine(args.backend, args.threads);
      const model = await loadModelOrInvalid(args.model, plan.numClasses, args.logitsNode, engine);
      try {
        crossCheck = await crossCheckOf(model);
      } finally {
        model.dispose();
      }
    }
    const bar = hooks.progress(plan.total);
    try {
      const out = await runInWorkers<EvaluateTask, WorkerInfo>({
        script: WORKER_SCRIPT,
        workers: args.workers,
        taskFor: (k) => ({ ...base, ...workerRange(plan.total, k, args.workers) }),
        onImage: () => bar.tick(),
      });
      perImage = out.perImage;
      info = sameEverywhere(out.infos);
    } catch (err) {
      if (err instanceof WorkerError && (err.code === "invalid_model" || err.code === "invalid_data")) {
        throw new AppError(err.code, err.message);
      }
      throw err;
    } finally {
      bar.finish();
    }
  }
  return buildEvaluationResult({
    benchmark,
    perImage,
    backend: info.backend,
    model: info.model,
    dataset: { sha256: plan.fingerprint.sha256, n_images: plan.fingerprint.nImages },
    preprocessing: args.preprocessing,
    run: {
      limit: args.limit,
      batch_size: resolveBatchSize(args.batchSize, info.model.paramCount),
      workers: args.workers,
      cpu_threads: info.cpuThreads,
    },
    crossCheck,
    startedAt,
    finishedAt: new Date(),
  });
}

/** Every worker must have run the same backend and weights, or the merged scores would mix two setups. */
function sameEverywhere(infos: WorkerInfo[]): WorkerInfo {
  const key = (i: WorkerInfo) => `${i.backend.name}@${i.backend.version} ${i.model.weightsHash}`;
  const first = infos[0];
  const other = infos.find((i) => key(i) !== key(first));
  if (other) throw new Error(`Workers disagree on backend or weights: ${key(first)} vs ${key(other)}`);
  return first;
}

/** Exit code and one-line reason for an error (no stack traces on the CLI). */
export function describeFailure(err: unknown): { exitCode: number; reason: string } {
  const message = (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, " ").trim();
  if (err instanceof AppError && err.code === "invalid_model") return { exitCode: EXIT.invalidModel, reason: `Invalid model: ${message}` };
  if (err instanceof AppError && err.code === "invalid_data") return { exitCode: EXIT.invalidData, reason: `Invalid data: ${message}` };
  return { exitCode: EXIT.failed, reason: `Evaluation failed: ${message}` };
}
