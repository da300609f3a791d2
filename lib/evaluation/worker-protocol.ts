import type { PerImage } from "@/lib/metrics/aggregate";

/** Messages between the parent and an evaluation worker process (node IPC, JSON-serialisable). */
export type ToWorker<Task> = { type: "start"; task: Task };
export type FromWorker<Info> =
  | { type: "ready"; info: Info }
  | { type: "image"; result: PerImage }
  | { type: "done" }
  | { type: "error"; message: string };

/** Round-robin share of the split: worker k of n evaluates the images whose index ≡ k (mod n). */
export function belongsToWorker(index: number, worker: number, workers: number): boolean {
  return index % workers === worker;
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
      .catch((err: unknown) => post({ type: "error", message: err instanceof Error ? err.message : String(err) }))
      .finally(() => process.disconnect());
  });
}
