import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { PerImage } from "@/lib/metrics/aggregate";
import type { FromWorker, ToWorker } from "./worker-protocol";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** A worker's failure; `code` is the worker's AppError code when it had one (e.g. invalid_model). */
export class WorkerError extends Error {
  constructor(
    message: string,
    readonly worker: number,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = "WorkerError";
  }
}

export type WorkerRunOptions<Task> = {
  /** A TypeScript module that calls serveWorker(); run through tsx from the repository root. */
  script: string;
  workers: number;
  taskFor: (worker: number) => Task;
  onImage?: (result: PerImage, worker: number) => void;
};

/**
 * Runs one child process per worker (each with its own TensorFlow.js backend), merges their per-image results
 * in split order. Any worker error or crash fails the run with a message naming the worker; the others are killed.
 */
export async function runInWorkers<Task, Info>(opts: WorkerRunOptions<Task>): Promise<{ perImage: PerImage[]; infos: Info[] }> {
  if (!Number.isInteger(opts.workers) || opts.workers < 1) throw new RangeError(`workers must be a positive integer, got ${opts.workers}`);
  const children: ChildProcess[] = [];
  const perImage: PerImage[] = [];
  const infos: Info[] = new Array(opts.workers);
  try {
    await Promise.all(
      Array.from(
        { length: opts.workers },
        (_, k) =>
          new Promise<void>((resolve, reject) => {
            const child = fork(path.resolve(REPO_ROOT, opts.script), [], {
              cwd: REPO_ROOT,
              execArgv: ["--import", TSX_LOADER],
              stdio: ["ignore", "inherit", "inherit", "ipc"],
            });
            children.push(child);
            let finished = false;
            const fail = (why: string, code?: string) => {
              finished = true;
              reject(new WorkerError(`Worker ${k + 1}/${opts.workers} ${why}`, k, code));
            };
            child.on("message", (m: FromWorker<Info>) => {
              if (m.type === "ready") infos[k] = m.info;
              else if (m.type === "image") {
                perImage.push(m.result);
                opts.onImage?.(m.result, k);
              } else if (m.type === "done") {
                finished = true;
                resolve();
              } else if (m.type === "error") fail(`failed: ${m.message}`, m.code);
            });
            child.on("error", (err) => fail(`could not run: ${err.message}`));
            child.on("exit", (code, signal) => {
              if (!finished) fail(`exited (${signal ?? `code ${code}`}) before finishing`);
            });
            child.send({ type: "start", task: opts.taskFor(k) } satisfies ToWorker<Task>);
          }),
      ),
    );
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill();
  }
  perImage.sort((a, b) => a.index - b.index);
  return { perImage, infos };
}
