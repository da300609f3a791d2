import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { evaluations, evaluationThumbnails, jobs, models } from "@/db/schema";
import { StoredProvenanceSchema } from "@/lib/types/provenance";
import { writeSyntheticDataset } from "@/lib/datasets/synthetic/write-dataset";
import { createWorkerToken } from "@/lib/queries/worker-tokens";
import { registerModel, type SubmissionMetadata } from "@/lib/submissions/register";
import { buildFusedGraphFixture } from "@/lib/models/fixtures/graph-model";
import { tinyLayersModel, writeModelDir } from "@/lib/uploads/fixtures/tiny-models";
import { serveWorkerApi } from "@/lib/api/testing/worker-api-server";
import { onnxFixtures } from "@/lib/submissions/testing/onnx-fixtures";
import { shortcutSceneSource } from "@/lib/datasets/synthetic-shortcut/scene-source";
import { getJobStatusOrThrow } from "@/lib/queries/jobs";
import { workerBenchmarkSightings } from "@/db/schema";

// Real processes end to end: the worker API's handlers on a real database behind node:http, `jobs/worker.ts`
// as a child process, the evaluate CLI as its grandchild, a real TF.js model and a real synthetic split.

const META: SubmissionMetadata = {
  displayName: "Tiny CNN",
  description: "",
  family: "CNN",
  trainingData: "none",
  trainedOnHumanMaps: false,
  fineTunedFrom: null,
  paperUrl: null,
  licence: null,
  preprocessing: { scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] },
  logitsNode: null,
  numClasses: 10,
  visibility: "public",
  ownerName: "test",
  ownerUserId: null,
};

const root = fs.mkdtempSync(path.join(os.tmpdir(), "worker-test-"));
const dataRoot = path.join(root, "datasets");
let modelSeed = 0;

async function modelDir(mutate?: (files: ReturnType<typeof tinyLayersModel>) => void): Promise<string> {
  const files = tinyLayersModel({ classes: 10 });
  // Distinct weights per model (the site refuses duplicates): nudge the last bias.
  const bin = files.files["group1-shard1of1.bin"];
  new Float32Array(bin.buffer, bin.byteOffset, bin.byteLength / 4)[bin.byteLength / 4 - 1] += ++modelSeed;
  mutate?.(files);
  return writeModelDir(path.join(root, `model-${modelSeed}`), files);
}

/** A converter-style graph model (fused conv, depthwise and matmul nodes; logits node 'logits') for 10 classes. */
async function graphModelDir(): Promise<string> {
  const g = buildFusedGraphFixture(++modelSeed, 10);
  return writeModelDir(path.join(root, `graph-${modelSeed}`), {
    modelJson: g.modelJson,
    files: { "group1-shard1of1.bin": Buffer.from(g.weightData) },
  });
}

/** The worker as a child process; its token in WORKER_TOKEN unless `token` is null (then only `extra` says it). */
function startWorker(
  url: string,
  token: string | null,
  extra: string[] = [],
  script = "jobs/worker.ts",
): ChildProcess & { output: () => string } {
  const env = { ...process.env };
  delete env.WORKER_TOKEN;
  if (token !== null) env.WORKER_TOKEN = token;
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      script,
      "--url",
      url,
      ...(script === "jobs/worker.ts" ? ["--data-root", dataRoot, "--backend", "cpu", "--poll-seconds", "0.5"] : []),
      ...extra,
    ],
    { stdio: ["ignore", "pipe", "pipe"], detached: true, env },
  );
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return Object.assign(child, { output: () => out });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code)),
  );

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  process.env.WORKER_LEASE_SECONDS = "4";
  await writeSyntheticDataset({ out: path.join(dataRoot, "synthetic"), n: 12, seed: 3 });
}, 120_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe.each(testDatabaseKinds())("worker processes on %s", (kind) => {
  let handle: DatabaseHandle;
  let site: Awaited<ReturnType<typeof serveWorkerApi>>;
  let token: string;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    site = await serveWorkerApi(handle.db);
  });
  afterAll(async () => {
    await site?.stop();
    await handle?.close();
  });
  beforeEach(async () => {
    await handle.db.execute(sql`truncate jobs, evaluations, image_results, models, worker_tokens restart identity cascade`);
    token = (await createWorkerToken(handle.db, "test-worker")).token;
  });

  const register = async (dir: string, name: string) =>
    (await registerModel(handle.db, { dir, metadata: { ...META, displayName: name }, artifactRoot: path.join(root, "store") })).jobs[0];
  const job = async (id: number) => (await handle.db.select().from(jobs).where(eq(jobs.id, id)))[0];

  it("evaluates a job; after a SIGKILL mid-evaluation the job is re-leased and finishes exactly once", async () => {
    const queued = await register(await modelDir(), "Killed midway");
    const first = startWorker(site.url, token);
    // Kill once a heartbeat has extended the lease: the worker is then inside the job (dry run or evaluation), and
    // the job cannot finish before the kill (each of its two evaluation processes takes seconds to start).
    const claimed = await until("the first worker's claim", async () => {
      const j = await job(queued.id);
      return j.status === "running" && j.leaseExpiresAt;
    });
    await until("a heartbeat", async () => (await job(queued.id)).leaseExpiresAt!.getTime() > claimed.getTime());
    process.kill(-first.pid!, "SIGKILL"); // the whole group: the worker and its evaluation child
    await exited(first);
    await until("the lease to expire", async () => (await job(queued.id)).leaseExpiresAt!.getTime() < Date.now() - 100);
    const second = startWorker(site.url, token, ["--once"]);
    expect(await exited(second)).toBe(0);
    const done = await job(queued.id);
    expect(done.status).toBe("succeeded");
    expect(done.attempts).toBe(2);
    expect(done.history.map((h) => h.outcome)).toEqual(["lease_expired", "succeeded"]);
    const rows = await handle.db.select().from(evaluations).where(eq(evaluations.modelId, queued.modelId));
    expect(rows).toHaveLength(1);
    expect(rows[0].nImages).toBe(12);
    expect(rows[0].provenance?.backend).toEqual({ name: "cpu", version: "4.22.0" });
    // The explorer's pictures came with the result: saliency, human map and image for each extreme image.
    const thumbs = await handle.db.select().from(evaluationThumbnails).where(eq(evaluationThumbnails.evaluationId, rows[0].id));
    expect(thumbs.length).toBeGreaterThanOrEqual(3);
    expect(new Set(thumbs.map((t) => t.kind))).toEqual(new Set(["saliency", "human", "image"]));
    expect(Buffer.from(thumbs[0].png).subarray(1, 4).toString("ascii")).toBe("PNG");
  }, 240_000);

  it("evaluates a graph model (with its logits node) and a layers model end to end", async () => {
    const graph = (
      await registerModel(handle.db, {
        dir: await graphModelDir(),
        metadata: { ...META, displayName: "Tiny graph", logitsNode: "logits" },
        artifactRoot: path.join(root, "store"),
      })
    ).jobs[0];
    const layers = await register(await modelDir(), "Tiny layers");
    const worker = startWorker(site.url, token, ["--once"]);
    expect(await exited(worker)).toBe(0);
    for (const queued of [graph, layers]) {
      const done = await job(queued.id);
      if (done.status !== "succeeded") console.log(worker.output());
      expect([done.status, done.failureMessage]).toEqual(["succeeded", null]);
      const [row] = await handle.db.select().from(evaluations).where(eq(evaluations.modelId, queued.modelId));
      expect(row.nImages).toBe(12);
      expect(row.nUndefined).toBeLessThan(12); // real saliency maps, not a constant one
      expect(row.alignment).toEqual(expect.any(Number));
    }
    const [model] = await handle.db.select().from(models).where(eq(models.id, graph.modelId));
    expect(model.format).toBe("graph");
  }, 240_000);

  it("evaluates an ONNX model exported by PyTorch on the native engine (auto): the dry run's onnxruntime cross-check lands in the provenance", async () => {
    const queued = (
      await registerModel(handle.db, {
        dir: path.join(onnxFixtures(), "external"),
        metadata: { ...META, displayName: "Small ONNX CNN" },
        artifactRoot: path.join(root, "store"),
      })
    ).jobs[0];
    // The default --backend (auto) of a CPU node: onnxruntime on the gradient graph, one thread per evaluation here.
    const worker = startWorker(site.url, token, ["--once", "--backend", "auto", "--threads", "1"]);
    expect(await exited(worker)).toBe(0);
    const done = await job(queued.id);
    if (done.status !== "succeeded") console.log(worker.output());
    expect([done.status, done.failureMessage]).toEqual(["succeeded", null]);
    const [row] = await handle.db.select().from(evaluations).where(eq(evaluations.modelId, queued.modelId));
    expect(row.nImages).toBe(12);
    expect(row.nUndefined).toBeLessThan(12);
    expect(row.provenance).toMatchObject({
      model_format: "onnx",
      cross_check: {
        status: "passed",
        images: 2,
        engine: expect.stringMatching(/^onnxruntime-node /),
        relative_tolerance: 1e-3,
        first_diverging_node: null,
      },
    });
    expect(row.provenance?.backend).toEqual({ name: "ort", version: expect.stringMatching(/^onnxruntime-node \d/), threads: 1 });
    // The real engine's report, stored as it came in the one schema, plus what the site knows.
    expect(StoredProvenanceSchema.parse(row.provenance)).toEqual(row.provenance);
    expect(row.provenance).toMatchObject({
      job_id: queued.id,
      attempt: 1,
      worker: expect.any(String),
      hardware: { cpu_count: expect.any(Number) },
    });
    const check = row.provenance!.cross_check as { max_abs_diff: number; tolerance: number };
    expect(check.max_abs_diff).toBeLessThan(check.tolerance);
    const [model] = await handle.db.select().from(models).where(eq(models.id, queued.modelId));
    expect(model).toMatchObject({ format: "onnx", onnxOpset: 17, onnxProducer: expect.stringMatching(/^pytorch /) });
  }, 240_000);

  it("takes its token from --token-file or the environment and refuses --token, which the process list would show", async () => {
    for (const script of ["jobs/worker.ts", "jobs/scheduler.ts"]) {
      const refused = startWorker(site.url, null, ["--token", token, "--once"], script);
      expect(await exited(refused)).toBe(2);
      const envName = script === "jobs/worker.ts" ? "WORKER_TOKEN" : "SCHEDULER_TOKEN";
      expect(refused.output()).toContain(
        `--token is refused: a token in the command line is visible to every user in the process list; set ${envName} or pass --token-file PATH`,
      );
      const missing = startWorker(site.url, null, ["--once"], script);
      expect(await exited(missing)).toBe(2);
      expect(missing.output()).toContain(`${envName} (or --token-file PATH) is required`);
    }
    const queued = await register(await modelDir(), "Token from a file");
    const tokenFile = path.join(root, "worker.token");
    fs.writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
    const worker = startWorker(site.url, null, ["--token-file", tokenFile, "--once"]);
    expect(await exited(worker)).toBe(0);
    expect((await job(queued.id)).status).toBe("succeeded");
  }, 120_000);

  it("survives a site restart mid-job: the worker retries and the job completes", async () => {
    const queued = await register(await modelDir(), "Site restarts");
    const worker = startWorker(site.url, token, ["--once"]);
    // Wait for the worker to hold the job, not for the row to say "running": the claim commits before its answer
    // reaches the worker, and a claim answer lost in the restart leaves the job to its lease (as it would in production).
    await until("the worker to hold the job", async () => worker.output().includes(`job ${queued.id} (attempt 1)`));
    await site.stop();
    await new Promise((r) => setTimeout(r, 1500));
    site = await serveWorkerApi(handle.db, site.port);
    expect(await exited(worker)).toBe(0);
    const done = await job(queued.id);
    if (done.status !== "succeeded") console.log(worker.output());
    expect(done.status).toBe("succeeded");
    expect(await handle.db.select().from(evaluations)).toHaveLength(1);
  }, 240_000);

  it("fails a throwing, a NaN, a too slow and a too big model with their classes and keeps serving", async () => {
    const insertFaulty = async (slug: string, dir: string, limits: { timeoutSeconds?: number; memoryMb?: number } = {}) => {
      const [model] = await handle.db
        .insert(models)
        .values({
          slug,
          displayName: slug,
          ownerName: "t",
          family: "CNN",
          trainingData: "none",
          preprocessing: META.preprocessing,
          numClasses: 10,
          artifactPath: dir,
        })
        .returning();
      const [row] = await handle.db
        .insert(jobs)
        .values({ modelId: model.id, benchmarkId: "synthetic", benchmarkVersion: 1, ...limits })
        .returning();
      return row.id;
    };
    // Upload validation would catch some of these; inserted directly to test what the worker does when a model misbehaves.
    const throwing = await insertFaulty(
      "throws",
      await modelDir((m) => {
        const layers = (m.modelJson.modelTopology as { config: { layers: { config: { units?: number } }[] } }).config.layers;
        layers[2].config.units = 7; // the weights hold 10 logits: loading fails with a shape mismatch
      }),
    );
    const nan = await insertFaulty("nan", await modelDir((m) => m.files["group1-shard1of1.bin"].fill(0xff)));
    const slow = await insertFaulty("slow", await modelDir(), { timeoutSeconds: 1 });
    const big = await insertFaulty("big", await modelDir(), { memoryMb: 64 });
    const good = (await register(await modelDir(), "Well behaved")).id;

    const worker = startWorker(site.url, token, ["--once"]);
    expect(await exited(worker)).toBe(0);
    const outcome = async (id: number) => {
      const j = await job(id);
      return [j.status, j.failureClass];
    };
    expect(await outcome(throwing)).toEqual(["failed", "invalid_model"]);
    expect(await outcome(nan)).toEqual(["failed", "invalid_model"]);
    expect(await outcome(slow)).toEqual(["failed", "timeout"]);
    expect(await outcome(big)).toEqual(["failed", "oom"]);
    expect(await outcome(good)).toEqual(["succeeded", null]);
    expect((await job(throwing)).failureMessage).toMatch(/Dry run failed/);
  }, 300_000);

  it("blames itself, not the model, when its backend cannot start: the job goes back to the queue as transient", async () => {
    const queued = await register(await modelDir(), "Innocent model");
    // tfjs-node is not installed here, so --backend tensorflow fails in the evaluation child before any model code runs.
    const worker = startWorker(site.url, token, ["--backend", "tensorflow", "--once"]);
    expect(await exited(worker)).toBe(0);
    const after = await job(queued.id);
    expect([after.status, after.failureClass]).toEqual(["queued", "transient"]);
    expect(after.history.map((h) => h.outcome)).toEqual(["transient"]);
    expect(after.failureMessage).toMatch(/^Dry run failed: /);
  }, 120_000);

  it("hands its job back on SIGTERM so another worker takes it at once", async () => {
    const queued = await register(await modelDir(), "Handed back");
    const worker = startWorker(site.url, token);
    await until("the job to start", async () => (await job(queued.id)).status === "running");
    process.kill(worker.pid!, "SIGTERM");
    expect(await exited(worker)).toBe(0);
    const back = await job(queued.id);
    if (back.status !== "queued") console.log(worker.output());
    expect(back.status).toBe("queued");
    expect(back.attempts).toBe(0);
    expect(back.history.map((h) => h.outcome)).toEqual(["released"]);
  }, 120_000);

  it("waits, saying why, for data it lacks; takes the job once the split is written, without a restart", async () => {
    const lateRoot = fs.mkdtempSync(path.join(root, "late-data-"));
    const dir = await writeModelDir(path.join(root, `shortcut-model-${++modelSeed}`), tinyLayersModel({ classes: 4 }));
    const queued = (
      await registerModel(handle.db, {
        dir,
        metadata: { ...META, displayName: "Four shapes", numClasses: 4 },
        artifactRoot: path.join(root, "store"),
      })
    ).jobs[0];
    expect(queued.benchmarkId).toBe("shortcut");
    const worker = startWorker(site.url, token, ["--data-root", lateRoot]);
    try {
      await until("the worker's first scan", async () => worker.output().includes(`data in ${lateRoot}: no benchmark's split`));
      // A half-copied split (shards, no manifest) is not offered either.
      fs.mkdirSync(path.join(lateRoot, "shortcut"));
      fs.copyFileSync(path.join(dataRoot, "synthetic", "val-0.tfrecords"), path.join(lateRoot, "shortcut", "val-0.tfrecords"));
      await until("the incomplete split's note", async () => worker.output().includes("not shortcut: no manifest.json"));
      const waiting = await getJobStatusOrThrow(handle.db, queued.id);
      expect(waiting.status).toBe("queued");
      expect(waiting.waitingFor).toEqual({
        benchmark: { id: "shortcut", version: 1 },
        minutes: 10,
        message: "Waiting for a worker with the Shortcut scenes, test split (v1); none seen in the last 10 minutes.",
        getData: null, // not the embedded default (LOCAL_SERVICES unset): no local command to suggest
      });

      await writeSyntheticDataset({
        out: path.join(lateRoot, "shortcut"),
        n: 8,
        seed: 5,
        source: shortcutSceneSource("test"),
        force: true,
      });
      await until("the job to finish", async () => ["succeeded", "failed"].includes((await job(queued.id)).status) && true, 180_000);
      const done = await job(queued.id);
      if (done.status !== "succeeded") console.log(worker.output());
      expect([done.status, done.failureMessage]).toEqual(["succeeded", null]);
      expect(worker.output()).toMatch(/data in .*: shortcut v1 \(data [0-9a-f]{12}…\)/);
      const [seen] = await handle.db.select().from(workerBenchmarkSightings);
      expect(seen).toMatchObject({
        workerName: expect.stringMatching(/^test-worker\/[^#]+$/),
        benchmarkId: "shortcut",
        benchmarkVersion: 1,
      });
      expect(seen.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect((await getJobStatusOrThrow(handle.db, queued.id)).waitingFor).toBeNull();
    } finally {
      process.kill(worker.pid!, "SIGTERM");
      await exited(worker);
    }
  }, 240_000);
});
