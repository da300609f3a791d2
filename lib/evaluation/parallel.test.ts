import { describe, expect, it } from "vitest";
import { IDENTITY_PREPROCESSING } from "@/lib/datasets/preprocess";
import { runInWorkers } from "./parallel";
import { makeSamples, streamOf } from "./fixtures/samples";
import { seededLinearModel } from "./fixtures/linear-model";
import { runSamples } from "./run-samples";
import type { LinearTask } from "./fixtures/linear-worker";

const SCRIPT = "lib/evaluation/fixtures/linear-worker.ts";

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
    expect(seen.filter((w) => w === 0)).toHaveLength(3);
    expect(seen.filter((w) => w === 1)).toHaveLength(2);
  });

  it("a crashing worker fails the run, naming the worker", async () => {
    await expect(
      runInWorkers<LinearTask, unknown>({ script: SCRIPT, workers: 2, taskFor: (worker) => ({ worker, workers: 2, count: 4, crashAt: 1 }) }),
    ).rejects.toThrow("Worker 2/2 exited (code 3) before finishing");
  });

  it("a worker error is reported with its message", async () => {
    await expect(
      runInWorkers<LinearTask, unknown>({ script: SCRIPT, workers: 2, taskFor: (worker) => ({ worker, workers: 2, count: 4, failAt: 2 }) }),
    ).rejects.toThrow("Worker 1/2 failed: bad record 2");
  });
});
