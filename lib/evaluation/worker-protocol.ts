import type { PerImage } from "@/lib/metrics/aggregate";

/** Messages between the parent and an evaluation worker process (node IPC, JSON-serialisable). */
export type ToWorker<Task> = { type: "start"; task: Task };
export type FromWorker<Info> =
  | { type: "ready"; info: Info }
  | { type: "image"; result: PerImage }
  | { type: "done" }
  | { type: "error"; message: string; code?: string };

/**
 * Contiguous share of worker k of n over the first `total` images: [start, start + count). Contiguous rather
 * than round-robin because the reader can skip records without decoding them.
 */
export function workerRange(total: number, worker: number, workers: number): { start: number; count: number } {
  const start = Math.floor((worker * total) / workers);
  return { start, count: Math.floor(((worker + 1) * total) / workers) - start };
}

/**
 * The child side: waits for its task, runs it, streams every per-image result to the parent, then exits.
 * `run` receives `ready` to announce what it loaded (backend, model) before the first image.
 */
export function serveWorker<Task, Info>(
  run: (task: Task, ready: (info: Info) => void, emit: (r: PerImage) => void) => Promise<void>,
): void {
  const send = process.send?.bind(process);
  if (!send) {
    console.error("This script is an evaluation worker: it must be started by the evaluate CLI (with an IPC channel)");
    process.exit(2);
  }
  const post = (m: FromWorker<Info>) =>
    new Promise<void>((resolve, reject) => send(m, undefined, undefined, (err) => (err ? reject(err) : resolve())));
  process.once("message", (m: ToWorker<Task>) => {
    if (m?.type !== "start") return;
    run(
      m.task,
      (info) => void post({ type: "ready", info }),
      (result) => void post({ type: "image", result }),
    )
      .then(() => post({ type: "done" }))
      .catch((err: unknown) =>
        post({
          type: "error",
          message: err instanceof Error ? err.message : String(err),
          code: (err as { code?: unknown })?.code === undefined ? undefined : String((err as { code: unknown }).code),
        }),
      )
      .finally(() => process.disconnect());
  });
}
