import type { BenchmarkDefinition } from "@/lib/benchmarks";
import { fingerprintDataset, readClickMe, readClickMeRecords, type DatasetFingerprint } from "@/lib/datasets/clickme";
import { maxShardIndexFor } from "@/lib/datasets/clickme-shards";
import { manifestShardMismatch } from "@/lib/datasets/manifest-shards";
import { AppError } from "@/lib/errors";
import type { Preprocessing } from "@/lib/datasets/preprocess";
import type { PerImage } from "@/lib/metrics/aggregate";
import { buildEvaluationResult, type BackendInfo, type EvaluationResult, type ModelInfo } from "./result";
import { CpuPool, prepareAhead } from "./cpu-pool";
import { runPrepared, runSamples } from "./run-samples";
import type { Progress, SaliencyModel } from "./types";

export type SplitPlan = { fingerprint: DatasetFingerprint; maxShardIndex: number | undefined; numClasses: number; total: number };

/** Hashes and counts the split (CRC-checked) so that the result can name exactly what was evaluated. */
export async function planSplit(dataDir: string, benchmark: BenchmarkDefinition, limit: number | null): Promise<SplitPlan> {
  const maxShardIndex = maxShardIndexFor(benchmark);
  const fingerprint = await fingerprintDataset(dataDir, { maxShardIndex });
  if (fingerprint.nImages === 0) throw new Error(`The split in ${dataDir} has no records`);
  const mismatch = benchmark.manifest ? manifestShardMismatch(fingerprint.shards, benchmark.manifest) : null;
  if (mismatch)
    throw new AppError("invalid_data", `The split in ${dataDir} is not the data of '${benchmark.id}' v${benchmark.version}: ${mismatch}`);
  return { fingerprint, maxShardIndex, numClasses: benchmark.numClasses, total: Math.min(limit ?? Infinity, fingerprint.nImages) };
}

export type RangeOptions = {
  model: SaliencyModel;
  dataDir: string;
  plan: Pick<SplitPlan, "maxShardIndex" | "numClasses" | "total">;
  preprocessing: Preprocessing;
  batchSize: number;
  /** Threads for decoding, resizing, blur and scoring beside the engine; 0 runs them on the main thread. */
  cpuThreads?: number;
  start?: number;
  count?: number;
  onProgress?: (p: Progress) => void;
  onImage?: (r: PerImage) => void;
};

/** Evaluates images [start, start + count) of the split; skipped records are CRC-checked but not decoded. */
export async function evaluateRange(o: RangeOptions): Promise<PerImage[]> {
  const start = o.start ?? 0;
  const count = o.count ?? o.plan.total - start;
  if (count <= 0) return [];
  if (o.model.numClasses < o.plan.numClasses) {
    throw new AppError(
      "invalid_model",
      `The model outputs ${o.model.numClasses} logits; this benchmark's labels need ${o.plan.numClasses}`,
    );
  }
  const read = { skip: start, limit: count, maxShardIndex: o.plan.maxShardIndex, numClasses: o.plan.numClasses };
  const pipeline = { batchSize: o.batchSize, total: count, onProgress: o.onProgress, onImage: o.onImage };
  const threads = o.cpuThreads ?? 0;
  if (threads === 0) return runSamples(o.model, readClickMe(o.dataDir, read), { ...pipeline, preprocessing: o.preprocessing });
  const pool = await CpuPool.open(threads, { numClasses: o.plan.numClasses, preprocessing: o.preprocessing });
  try {
    // Enough records in flight that every thread stays busy while a batch is filled and the last one is scored.
    const depth = 2 * o.batchSize + 2 * threads;
    return await runPrepared(o.model, prepareAhead(readClickMeRecords(o.dataDir, read), pool, depth), { ...pipeline, pool });
  } finally {
    await pool.close();
  }
}

export type EvaluateSplitOptions = {
  model: SaliencyModel & ModelInfo;
  backend: BackendInfo;
  dataDir: string;
  benchmark: BenchmarkDefinition;
  preprocessing: Preprocessing;
  limit: number | null;
  batchSize: number;
  cpuThreads?: number;
  onProgress?: (p: Progress) => void;
};

/** One process, in-process model: plan, evaluate in split order, aggregate into the published record. */
export async function evaluateSplit(o: EvaluateSplitOptions): Promise<EvaluationResult> {
  const startedAt = new Date();
  const plan = await planSplit(o.dataDir, o.benchmark, o.limit);
  const perImage = await evaluateRange({ ...o, plan });
  return buildEvaluationResult({
    benchmark: o.benchmark,
    perImage,
    backend: o.backend,
    model: o.model,
    dataset: { sha256: plan.fingerprint.sha256, n_images: plan.fingerprint.nImages },
    preprocessing: o.preprocessing,
    run: { limit: o.limit, batch_size: o.batchSize, workers: 1, cpu_threads: o.cpuThreads ?? 0 },
    startedAt,
    finishedAt: new Date(),
  });
}
