import { describe, expect, it } from "vitest";
import { IDENTITY_PREPROCESSING } from "@/lib/datasets/preprocess";
import { runInWorkers } from "./parallel";
import { workerRange } from "./worker-protocol";
import { makeSamples, streamOf } from "./fixtures/samples";
import { seededLinearModel } from "./fixtures/linear-model";
import { runSamples } from "./run-samples";
import type { LinearTask } from "./fixtures/linear-worker";

const SCRIPT = "lib/evaluation/fixtures/linear-worker.ts";

describe("workerRange", () => {
  it("covers the first `total` images exactly once, in order", () => {
    for (const [total, workers] of [
      [5, 2],
      [7, 3],
      [2, 4],
      [100, 7],
    ]) {
      const ranges = Array.from({ length: workers }, (_, k) => workerRange(total, k, workers));
      const covered = ranges.flatMap((r) => Array.from({ length: r.count }, (_, i) => r.start + i));
      expect(covered).toEqual(Array.from({ length: total }, (_, i) => i));
    }
  });
});

describe("runInWorkers", () => {
  it("splits the split across processes and merges results in split order, identical to one process", async () => {
    const count = 5;
    const seen: number[] = [];
    const { perImage, infos } = await runInWorkers<LinearTask, { pid: number }>({
      script: SCRIPT,
      workers: 2,
      taskFor: (worker) => ({ worker, workers: 2, count }),
      onImage: (_r, w) => seen.push(w),
    });
    const single = await runSamples(seededLinearModel(), streamOf(makeSamples(count, 9, 3)), {
      preprocessing: IDENTITY_PREPROCESSING,
      batchSize: 1,
    });
    expect(perImage).toEqual(single);
    expect(new Set(infos.map((i) => i.pid)).size).toBe(2);
    expect(infos.every((i) => i.pid !== process.pid)).toBe(true);
    expect(seen.filter((w) => w === 0)).toHaveLength(2); // contiguous ranges [0, 2) and [2, 5)
    expect(seen.filter((w) => w === 1)).toHaveLength(3);
  });

  it("a crashing worker fails the run, naming the worker", async () => {
    await expect(
      runInWorkers<LinearTask, unknown>({
        script: SCRIPT,
        workers: 2,
        taskFor: (worker) => ({ worker, workers: 2, count: 4, crashAt: 3 }),
      }),
    ).rejects.toThrow("Worker 2/2 exited (code 3) before finishing");
  });

  it("a worker error is reported with its message", async () => {
    const run = runInWorkers<LinearTask, unknown>({
      script: SCRIPT,
      workers: 2,
      taskFor: (worker) => ({ worker, workers: 2, count: 4, failAt: 1 }),
    });
    await expect(run).rejects.toThrow("Worker 1/2 failed: bad record 1");
    await expect(run).rejects.toMatchObject({ worker: 0, code: "invalid_data" });
  });
});
