import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { openTestDatabase } from "@/db/testing";
import { evaluations, imageResults, jobs, users } from "@/db/schema";
import { getBenchmark } from "@/lib/benchmarks";
import { writeSyntheticPsychophysics } from "@/lib/datasets/psychophysics/synthetic";
import { parseStimulusName } from "@/lib/datasets/psychophysics/stimulus-name";
import { scorePsychophysics } from "@/lib/metrics/psychophysics";
import { serveWorkerApi } from "@/lib/api/testing/worker-api-server";
import { createWorkerToken } from "@/lib/queries/worker-tokens";
import { registerModel } from "@/lib/submissions/register";
import { tinyLayersModel, writeModelDir } from "@/lib/uploads/fixtures/tiny-models";

// The "how" track through the entry point a deployment uses: the worker process claims the job from the site's
// worker API on PGlite, runs the evaluate CLI on the synthetic stand-in, and the site checks and stores the result.

const root = fs.mkdtempSync(path.join(os.tmpdir(), "worker-psy-"));
const dataRoot = path.join(root, "datasets");
let handle: DatabaseHandle;
let site: Awaited<ReturnType<typeof serveWorkerApi>>;

beforeAll(async () => {
  await writeSyntheticPsychophysics({ out: path.join(dataRoot, "psychophysics-synthetic"), perClass: 1 });
  handle = await openTestDatabase("pglite");
  site = await serveWorkerApi(handle.db);
}, 120_000);
afterAll(async () => {
  await site?.stop();
  await handle?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe("a worker process on the psychophysics stand-in (PGlite)", () => {
  it("evaluates a 4-class model by forward passes; the stored score is the one its stored rows give", async () => {
    const dir = await writeModelDir(path.join(root, "model"), tinyLayersModel({ classes: 4 }));
    // An owned model (any owner would do; the test is about the evaluation).
    await handle.db.insert(users).values({ id: "u-psy", name: "Psy", email: "psy@example.org" });
    const { jobs: queued } = await registerModel(handle.db, {
      dir,
      metadata: {
        displayName: "Tiny 4-class",
        description: "",
        family: "CNN",
        trainingData: "none",
        trainedOnHumanMaps: false,
        fineTunedFrom: null,
        paperUrl: null,
        licence: null,
        preprocessing: { scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] },
        logitsNode: null,
        numClasses: 4,
        visibility: "public",
        ownerName: "test",
        ownerUserId: "u-psy",
      },
      artifactRoot: path.join(root, "store"),
      benchmarks: ["psychophysics-synthetic"],
    });
    expect(queued.map((j) => j.benchmarkId)).toEqual(["psychophysics-synthetic"]);
    const { token } = await createWorkerToken(handle.db, "psy-worker");
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "jobs/worker.ts", "--url", site.url, "--data-root", dataRoot, "--backend", "cpu", "--once"],
      {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, WORKER_TOKEN: token },
      },
    );
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    const code = await new Promise<number | null>((r) => child.once("exit", r));
    expect(code, log).toBe(0);
    const [job] = await handle.db.select().from(jobs).where(eq(jobs.id, queued[0].id));
    expect(job.status, log).toBe("succeeded");
    const [e] = await handle.db.select().from(evaluations).where(eq(evaluations.id, job.evaluationId!));
    const block = e.provenance!.psychophysics as {
      score: number;
      ci95: [number, number];
      n_per_level: number[];
      human_mean_correct: number[];
    };
    expect(e.nImages).toBe(44);
    expect(block.n_per_level).toEqual(Array(11).fill(4));
    expect(e.scores.psychophysics).toEqual({ value: block.score, ci95: block.ci95 });
    expect(e.alignment).toBe(block.score);
    expect([e.alignmentLo, e.alignmentHi]).toEqual(block.ci95);
    expect(e.top1).toBeNull();
    expect(e.rank).toBe(1);
    expect(block.human_mean_correct).toEqual([...getBenchmark("psychophysics-synthetic").psychophysics!.humanCurve.scripted!]);
    // Recompute from what the database holds: each row's level from its file name, its decision's correctness.
    const rows = await handle.db.select().from(imageResults).where(eq(imageResults.evaluationId, e.id));
    expect(rows).toHaveLength(44);
    const again = scorePsychophysics(
      rows.map((r) => ({ level: parseStimulusName(path.basename(r.shard)).levelIndex, correct: r.correct })),
      block.human_mean_correct,
    );
    expect(again.score).toBe(block.score);
    expect(again.ci95).toEqual(block.ci95);
  }, 240_000);
});
