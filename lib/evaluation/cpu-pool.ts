import { Worker } from "node:worker_threads";
import type { RawClickMeRecord } from "@/lib/datasets/clickme";
import { AppError, type ErrorCode } from "@/lib/errors";
import type { PerImage } from "@/lib/metrics/aggregate";
import type { CpuReply, CpuTask, CpuThreadConfig, CpuThreadError } from "./cpu-thread-protocol";
import type { ImageMeta, PreparedImage } from "./image-stages";

const BOOT = new URL("./cpu-thread-boot.mjs", import.meta.url);

type Pending = { resolve: (v: never) => void; reject: (e: Error) => void };
type Slot = { worker: Worker; pending: Map<number, Pending> };
/** Omit over each member of a union (a plain Omit would merge the members). */
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

function rebuild(e: CpuThreadError): Error {
  return e.code ? new AppError(e.code as ErrorCode, e.message, e.details) : new Error(e.message);
}

/** A copy of a view's bytes in a buffer of their own, so it can be transferred without detaching its neighbours. */
function ownBuffer(a: Uint8Array): Uint8Array {
  return a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.buffer instanceof ArrayBuffer ? a : a.slice();
}

/**
 * Worker threads that run an evaluating process's per-image CPU stages (JPEG decoding, resizes, blur; Spearman and
 * Dice/IoU) while the main thread feeds the engine. Each task goes to the thread with the fewest outstanding; results
 * come back as transferred buffers. A thread that dies fails its outstanding tasks and every later one.
 */
export class CpuPool {
  private nextId = 0;
  private failure: Error | null = null;

  private constructor(private readonly slots: Slot[]) {}

  static async open(threads: number, config: CpuThreadConfig): Promise<CpuPool> {
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
    const slots: Slot[] = [];
    const pool = new CpuPool(slots);
    try {
      await Promise.all(
        Array.from({ length: threads }, (_, k) => {
          const worker = new Worker(BOOT, { workerData: config });
          const slot: Slot = { worker, pending: new Map() };
          slots.push(slot);
          return new Promise<void>((resolve, reject) => {
            worker.once("message", () => {
              worker.on("message", (reply: CpuReply) => pool.settle(slot, reply));
              resolve();
            });
            worker.once("error", reject);
            worker.on("error", (err) => pool.fail(new Error(`CPU thread ${k + 1}/${threads} failed: ${err.message}`)));
            worker.on("exit", (code) => pool.fail(new Error(`CPU thread ${k + 1}/${threads} exited (code ${code})`)));
          });
        }),
      );
    } catch (err) {
      await pool.close();
      throw new Error(`Cannot start the CPU-stage threads: ${(err as Error).message}`);
    }
    return pool;
  }

  /** Decodes a record and runs the protocol's image and human-map stages on it. */
  prepare(raw: RawClickMeRecord): Promise<PreparedImage> {
    const bytes = ownBuffer(raw.bytes);
    return this.run({ kind: "prepare", raw: { ...raw, bytes } }, [bytes.buffer as ArrayBuffer]);
  }

  /** Scores one saliency map against its human map; both buffers are handed over (the caller must not reuse them). */
  score(meta: ImageMeta, saliency: Float32Array, human: Float32Array, correct: boolean): Promise<PerImage> {
    return this.run({ kind: "score", meta, saliency, human, correct }, [saliency.buffer as ArrayBuffer, human.buffer as ArrayBuffer]);
  }

  async close(): Promise<void> {
    this.fail(new Error("The CPU-stage pool was closed"));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private run<T>(body: WithoutId<CpuTask>, transfer: ArrayBuffer[]): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (v: never) => void, reject });
      slot.worker.postMessage({ ...body, id }, transfer);
    });
  }

  private settle(slot: Slot, reply: CpuReply): void {
    const p = slot.pending.get(reply.id);
    if (!p) return;
    slot.pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.value as never);
    else p.reject(rebuild(reply.error));
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const s of this.slots) {
      for (const p of s.pending.values()) p.reject(err);
      s.pending.clear();
    }
  }
}

/**
 * The records prepared on the pool, yielded in input order with up to `depth` in flight. A failed record surfaces
 * where it falls in order, after the records before it.
 */
export async function* prepareAhead(records: AsyncIterable<RawClickMeRecord>, pool: CpuPool, depth: number): AsyncGenerator<PreparedImage> {
  const queue: Promise<PreparedImage>[] = [];
  try {
    for await (const raw of records) {
      const p = pool.prepare(raw);
      p.catch(() => undefined); // awaited in order below; this only keeps a later failure from counting as unhandled
      queue.push(p);
      if (queue.length >= depth) yield await queue.shift()!;
    }
    while (queue.length) yield await queue.shift()!;
  } finally {
    queue.length = 0;
  }
}
