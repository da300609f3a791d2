import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { FailureClass } from "@/lib/queue/protocol";
import type { PreprocessingRecord } from "@/lib/types";

export type EvaluationRun = {
  modelDir: string;
  /** A graph model's logits node (from the claimed job); null for layers models. */
  logitsNode: string | null;
  dataDir: string;
  benchmarkId: string;
  preprocessing: PreprocessingRecord;
  backend: string;
  /** onnxruntime intra-op threads of the evaluation process. */
  threads: number;
  outputFile: string;
  /** Where the CLI writes the per-image explorer's PNGs (the full run only). */
  thumbnailsDir?: string;
  limit?: number;
  /** ONNX models: images for the onnxruntime cross-check (the dry run's). */
  crossCheck?: number;
  timeoutSeconds: number;
  memoryMb: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
};

export type RunOutcome =
  { ok: true; output: string; logTail: string } | { ok: false; failureClass: FailureClass; message: string; logTail: string };

const EVALUATE_CLI = path.join(process.cwd(), "jobs", "evaluate.ts");
const PROGRESS = /(\d+)\s*\/\s*(\d+)/;
/** Exit codes of the evaluate CLI that mean "this model cannot be evaluated" (see jobs/evaluate.ts). */
const INVALID_MODEL_EXIT = 3;

/**
 * "done/total" from a line of the CLI's stderr. Other lines can look alike (a date, a path); the site refuses a
 * heartbeat whose done exceeds its total and the refusal stops the job, so such a match is not progress.
 */
export function parseProgress(line: string): { done: number; total: number } | null {
  const m = line.match(PROGRESS);
  if (!m) return null;
  const done = Number(m[1]);
  const total = Number(m[2]);
  return total > 0 && done <= total && Number.isSafeInteger(total) ? { done, total } : null;
}

function rssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(status.match(/^VmRSS:\s+(\d+)/m)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Runs the evaluate CLI in its own process, so that a crash or an out-of-memory in one model cannot take the
 * worker down; enforces the job's time limit and memory cap (resident memory, which includes the wasm heap).
 */
export function runEvaluation(run: EvaluationRun): Promise<RunOutcome> {
  const args = [
    "--import",
    "tsx",
    `--max-old-space-size=${Math.max(256, Math.floor(run.memoryMb * 0.75))}`,
    EVALUATE_CLI,
    "--model",
    run.modelDir,
    ...(run.logitsNode ? ["--logits-node", run.logitsNode] : []),
    "--data",
    run.dataDir,
    "--benchmark",
    run.benchmarkId,
    "--backend",
    run.backend,
    "--threads",
    String(run.threads),
    "--scale",
    String(run.preprocessing.scale),
    "--mean",
    run.preprocessing.mean.join(","),
    "--std",
    run.preprocessing.std.join(","),
    "--output",
    run.outputFile,
    ...(run.limit ? ["--limit", String(run.limit)] : []),
    ...(run.crossCheck ? ["--cross-check", String(run.crossCheck)] : []),
    ...(run.thumbnailsDir ? ["--thumbnails", run.thumbnailsDir] : []),
  ];
  if (run.signal?.aborted) {
    return Promise.resolve({ ok: false, failureClass: "transient", message: "The job was handed back before it started.", logTail: "" });
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
    let log = "";
    let killedFor: "timeout" | "oom" | "cancelled" | null = null;
    const kill = (why: typeof killedFor) => {
      if (killedFor) return;
      killedFor = why;
      child.kill("SIGKILL");
    };
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      log = (log + chunk).slice(-8000);
      for (const line of chunk.split(/[\r\n]+/)) {
        const p = parseProgress(line);
        if (p) run.onProgress?.(p.done, p.total);
      }
    });
    const timer = setTimeout(() => kill("timeout"), run.timeoutSeconds * 1000);
    const watchdog = setInterval(() => {
      const rss = child.pid ? rssMb(child.pid) : null;
      if (rss !== null && rss > run.memoryMb) kill("oom");
    }, 250);
    const onAbort = () => kill("cancelled");
    run.signal?.addEventListener("abort", onAbort);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      clearInterval(watchdog);
      run.signal?.removeEventListener("abort", onAbort);
      const logTail = log.trim();
      const lastLine = logTail.split("\n").filter(Boolean).pop() ?? "";
      if (killedFor === "timeout") {
        resolve({
          ok: false,
          failureClass: "timeout",
          message: `The evaluation ran past its time limit of ${run.timeoutSeconds} s.`,
          logTail,
        });
      } else if (killedFor === "oom" || (signal === "SIGKILL" && !killedFor)) {
        resolve({
          ok: false,
          failureClass: "oom",
          message: `The evaluation used more than its memory cap of ${run.memoryMb} MB.`,
          logTail,
        });
      } else if (killedFor === "cancelled") {
        resolve({
          ok: false,
          failureClass: "transient",
          message: "The evaluation was stopped: the job was cancelled or handed back.",
          logTail,
        });
      } else if (code === 0 && fs.existsSync(run.outputFile)) {
        resolve({ ok: true, output: run.outputFile, logTail });
      } else if (/heap out of memory|Allocation failed|Out of memory/i.test(logTail)) {
        resolve({ ok: false, failureClass: "oom", message: `The evaluation ran out of memory (cap ${run.memoryMb} MB).`, logTail });
      } else {
        resolve({
          ok: false,
          failureClass: code === INVALID_MODEL_EXIT ? "invalid_model" : "transient",
          message: lastLine || `The evaluation exited with code ${code ?? signal}.`,
          logTail,
        });
      }
    });
  });
}
