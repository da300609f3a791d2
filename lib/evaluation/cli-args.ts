import { parseArgs } from "node:util";
import { findBenchmark, BENCHMARKS } from "@/lib/benchmarks";
import { IDENTITY_PREPROCESSING, type Preprocessing } from "@/lib/datasets/preprocess";
import { defaultThreads, ENGINE_CHOICES, type EngineChoice } from "./engine";

export const EVALUATE_USAGE = `Usage: npm run evaluate -- --model PATH --data DIR [options]

  --model PATH          model directory (model.json + weight shards, or model.onnx + its external data), a .onnx
                        file, or a .zip of either
  --logits-node NAME    graph models: the node that outputs the pre-softmax class logits (required for them);
                        ONNX models: the logits output, when the graph has several
  --cross-check N       ONNX models: first compare the logits on the first N images with onnxruntime-node's on
                        the same file (a mismatch is an invalid model naming the first diverging node; the figures
                        go into provenance.cross_check; without onnxruntime-node it is recorded as skipped)
  --data DIR            directory with the split's TFRecord shards (val-0.tfrecords …)
  --benchmark ID        ${BENCHMARKS.map((b) => b.id).join(" | ")} (default clickme)
  --limit N             evaluate only the first N images in split order
  --batch-size N|auto   images per saliency batch (default auto: 2 under 10M parameters, else 1; scores are
                        bit-identical for every size)
  --backend NAME        ${ENGINE_CHOICES.join(" | ")} (default auto: onnxruntime's CUDA provider where
                        it runs, else its CPU provider, for ONNX models; TF.js models, and ONNX graphs with an op the
                        gradient builder has no rule for, run on the best TensorFlow.js backend, and provenance says why)
  --workers N           processes, each with its own backend (default 1)
  --threads N           onnxruntime intra-op threads per process (default: cores / workers)
  --cpu-threads N|auto  threads per process for JPEG decoding, resizes, blur and scoring beside the engine; 0 keeps
                        them on the main thread (default auto: the cores the engines leave idle, at most 8; 0 when a
                        CPU engine's threads take every core; scores are identical for every value)
  --scale S             model input transform x' = (x·S − mean) / std, x in [0, 255] (default 1)
  --mean R,G,B          (default 0,0,0)
  --std R,G,B           (default 1,1,1)
  --output FILE         write the JSON result here (default stdout)
  --thumbnails DIR      also write 112×112 PNGs of the saliency map, human map and image of the images that
                        agree most and least (the per-image explorer's pictures; single process only)`;

/** A number of images per saliency batch, or "auto" (see resolveBatchSize in ./command.ts). */
export type BatchSizeChoice = number | "auto";
/** CPU-stage threads per process, or "auto" (autoCpuThreads in ./engine.ts, once the engine is known). */
export type CpuThreadsChoice = number | "auto";

export type EvaluateArgs = {
  model: string;
  /** A graph model's pre-softmax logits node; layers models take their last layer and leave it null. */
  logitsNode: string | null;
  data: string;
  benchmark: string;
  limit: number | null;
  batchSize: BatchSizeChoice;
  backend: EngineChoice;
  workers: number;
  /** onnxruntime intra-op threads per process. */
  threads: number;
  cpuThreads: CpuThreadsChoice;
  preprocessing: Preprocessing;
  output: string | null;
  thumbnails: string | null;
  /** Images for the onnxruntime cross-check of an ONNX model (0: none). */
  crossCheck: number;
  help: boolean;
};

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Parses and validates the evaluate CLI flags; every problem is a UsageError naming the flag and what is allowed. */
export function parseEvaluateArgs(argv: string[]): EvaluateArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        model: { type: "string" },
        "logits-node": { type: "string" },
        data: { type: "string" },
        benchmark: { type: "string", default: "clickme" },
        limit: { type: "string" },
        "batch-size": { type: "string", default: "auto" },
        backend: { type: "string", default: "auto" },
        workers: { type: "string", default: "1" },
        threads: { type: "string" },
        "cpu-threads": { type: "string", default: "auto" },
        scale: { type: "string" },
        mean: { type: "string" },
        std: { type: "string" },
        output: { type: "string" },
        thumbnails: { type: "string" },
        "cross-check": { type: "string", default: "0" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return { ...defaults(), help: true };
  if (!values.model) throw new UsageError("--model is required (a model directory or .zip)");
  if (values["logits-node"] !== undefined && values["logits-node"].trim() === "")
    throw new UsageError("--logits-node must name a graph node");
  if (!values.data) throw new UsageError("--data is required (a directory of TFRecord shards)");
  if (!findBenchmark(values.benchmark)) {
    throw new UsageError(`--benchmark: unknown benchmark '${values.benchmark}'. Available: ${BENCHMARKS.map((b) => b.id).join(", ")}`);
  }
  if (!(ENGINE_CHOICES as readonly string[]).includes(values.backend)) {
    throw new UsageError(`--backend must be one of ${ENGINE_CHOICES.join(", ")}, got '${values.backend}'`);
  }
  const workers = positiveInt("--workers", values.workers, 64);
  const scale = values.scale === undefined ? IDENTITY_PREPROCESSING.scale : finite("--scale", values.scale);
  if (scale === 0) throw new UsageError("--scale must be non-zero");
  const std = values.std === undefined ? IDENTITY_PREPROCESSING.std : triple("--std", values.std);
  if (std.some((s) => s === 0)) throw new UsageError(`--std values must be non-zero, got ${values.std}`);
  if (values.thumbnails && Number(values.workers ?? "1") > 1) {
    throw new UsageError("--thumbnails works with one process only (--workers 1)");
  }
  return {
    model: values.model,
    logitsNode: values["logits-node"] ?? null,
    data: values.data,
    benchmark: values.benchmark,
    limit: values.limit === undefined ? null : positiveInt("--limit", values.limit),
    batchSize: values["batch-size"] === "auto" ? "auto" : positiveInt("--batch-size", values["batch-size"]),
    backend: values.backend as EngineChoice,
    workers,
    threads: values.threads === undefined ? defaultThreads(workers) : positiveInt("--threads", values.threads, 256),
    cpuThreads: values["cpu-threads"] === "auto" ? "auto" : countArg("--cpu-threads", values["cpu-threads"], 256),
    preprocessing: {
      scale,
      mean: values.mean === undefined ? IDENTITY_PREPROCESSING.mean : triple("--mean", values.mean),
      std,
    },
    output: values.output ?? null,
    thumbnails: values.thumbnails ?? null,
    crossCheck: values["cross-check"] === "0" ? 0 : positiveInt("--cross-check", values["cross-check"], 64),
    help: false,
  };
}

function defaults(): EvaluateArgs {
  return {
    model: "",
    logitsNode: null,
    data: "",
    benchmark: "clickme",
    limit: null,
    batchSize: "auto",
    backend: "auto",
    workers: 1,
    threads: defaultThreads(1),
    cpuThreads: "auto",
    preprocessing: IDENTITY_PREPROCESSING,
    output: null,
    thumbnails: null,
    crossCheck: 0,
    help: false,
  };
}

function positiveInt(flag: string, raw: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new UsageError(`${flag} must be an integer from 1 to ${max === Number.MAX_SAFE_INTEGER ? "∞" : max}, got '${raw}'`);
  }
  return Number(raw);
}

function countArg(flag: string, raw: string, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) > max) throw new UsageError(`${flag} must be auto or an integer from 0 to ${max}, got '${raw}'`);
  return Number(raw);
}

function finite(flag: string, raw: string): number {
  const v = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(v)) throw new UsageError(`${flag} must be a finite number, got '${raw}'`);
  return v;
}

function triple(flag: string, raw: string): [number, number, number] {
  const parts = raw.split(",");
  if (parts.length !== 3) throw new UsageError(`${flag} must be three comma-separated numbers R,G,B, got '${raw}'`);
  return parts.map((p) => finite(flag, p)) as [number, number, number];
}
