// npm run bench:queue: upload throughput of a ~100 MB model through POST /api/v1/submissions' handler, and
// claim → complete round trips of 8 concurrent workers over HTTP. Writes the "queue" section of docs/benchmarks.md.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { openTestDatabase, type TestDatabaseKind } from "@/db/testing";
import { jobs, models } from "@/db/schema";
import { handleCreateSubmission } from "@/lib/api/submissions";
import { serveWorkerApi } from "@/lib/api/testing/worker-api-server";
import { createTestAuth, signUpForTest, TEST_SITE } from "@/lib/auth/testing";
import { createWorkerToken } from "@/lib/queries/worker-tokens";
import type { EvaluationReport } from "@/lib/queue/protocol";
import { testProvenance } from "@/lib/types/testing/provenance";
import { replaceSection } from "./web-report";
import { SlidingWindowLimiter } from "@/lib/auth/rate-limit";

const HIDDEN = 4500; // GAP(3) → Dense(4500) → Dense(4500) → Dense(1000): 24.8M float32 weights ≈ 99 MB
const WORKERS = 8;
const JOBS = 400;
const IMAGES_PER_REPORT = 200;

function bigModel(dir: string): number {
  const dense = (name: string, units: number) => ({
    class_name: "Dense",
    config: { name, units, activation: name === "logits" ? "linear" : "relu", use_bias: true },
  });
  const shapes: [string, number[]][] = [
    ["h1/kernel", [3, HIDDEN]],
    ["h1/bias", [HIDDEN]],
    ["h2/kernel", [HIDDEN, HIDDEN]],
    ["h2/bias", [HIDDEN]],
    ["logits/kernel", [HIDDEN, 1000]],
    ["logits/bias", [1000]],
  ];
  const modelJson = {
    format: "layers-model",
    modelTopology: {
      class_name: "Sequential",
      config: {
        name: "bench",
        layers: [
          {
            class_name: "GlobalAveragePooling2D",
            config: { name: "gap", batch_input_shape: [null, 224, 224, 3], data_format: "channels_last" },
          },
          dense("h1", HIDDEN),
          dense("h2", HIDDEN),
          dense("logits", 1000),
        ],
      },
    },
    weightsManifest: [{ paths: ["weights.bin"], weights: shapes.map(([name, shape]) => ({ name, shape, dtype: "float32" })) }],
  };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "model.json"), JSON.stringify(modelJson));
  const floats = shapes.reduce((n, [, s]) => n + s.reduce((a, b) => a * b, 1), 0);
  const fd = fs.openSync(path.join(dir, "weights.bin"), "w");
  const chunk = Buffer.alloc(4 << 20);
  for (let written = 0; written < floats * 4; written += chunk.length) {
    crypto.randomFillSync(chunk);
    fs.writeSync(fd, chunk, 0, Math.min(chunk.length, floats * 4 - written));
  }
  fs.closeSync(fd);
  return floats * 4;
}

async function benchUpload(handle: DatabaseHandle, root: string) {
  const modelDir = path.join(root, "big-model");
  const bytes = bigModel(modelDir);
  const auth = createTestAuth(handle.db);
  const user = await signUpForTest(auth, "bench@example.org", "Bench");
  const form = new FormData();
  for (const [k, v] of Object.entries({
    name: "Bench 100 MB",
    family: "MLP",
    training_data: "none",
    trained_on_human_maps: "no",
    preprocessing: "identity",
    num_classes: "1000",
  })) {
    form.append(k, v);
  }
  form.append("files", await fs.openAsBlob(path.join(modelDir, "model.json")), "model.json");
  form.append("files", await fs.openAsBlob(path.join(modelDir, "weights.bin")), "weights.bin");
  const started = performance.now();
  const res = await handleCreateSubmission(
    {
      db: handle.db,
      auth,
      siteOrigin: TEST_SITE,
      dataDir: path.join(root, "data"),
      maxUploadBytes: 512 << 20,
      submissionsPerDay: 5,
      rejectedUploads: new SlidingWindowLimiter(1000, 3600_000),
    },
    new Request(`${TEST_SITE}/api/v1/submissions`, { method: "POST", headers: { cookie: user.cookie, origin: TEST_SITE }, body: form }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  return { mb: bytes / 1e6, seconds };
}

function report(n: number): EvaluationReport {
  return {
    benchmark: { id: "synthetic", version: 1 },
    n_images: n,
    n_undefined: 0,
    alignment_score: 0.4,
    spearman_mean: 0.26,
    top1_accuracy: 0.5,
    dice_mean: 0.3,
    iou_mean: 0.2,
    ci95: { alignment_score: [0.35, 0.45], top1_accuracy: [0.4, 0.6] },
    backend: { name: "bench", version: "0" },
    provenance: testProvenance(n, { code_version: "bench", backend: { name: "bench", version: "0" } }),
    per_image: Array.from({ length: n }, (_, index) => ({
      index,
      shard: "val-0",
      label: index % 10,
      spearman: 0.26,
      correct: index % 2 === 0,
    })),
  };
}

async function benchRoundTrips(handle: DatabaseHandle, root: string) {
  const { db } = handle;
  await db.execute(sql`truncate jobs, evaluations, image_results restart identity cascade`); // the upload's own jobs
  const artifact = fs.mkdtempSync(path.join(root, "artifact-"));
  fs.writeFileSync(path.join(artifact, "model.json"), "{}");
  const { token } = await createWorkerToken(db, "bench-workers");
  const modelRows = await db
    .insert(models)
    .values(
      Array.from({ length: JOBS }, (_, i) => ({
        slug: `bench-${i}`,
        displayName: `Bench ${i}`,
        ownerName: "bench",
        family: "MLP",
        trainingData: "none",
        preprocessing: { scale: 1, mean: [0, 0, 0] as [number, number, number], std: [1, 1, 1] as [number, number, number] },
        numClasses: 10,
        artifactPath: artifact,
      })),
    )
    .returning({ id: models.id });
  await db.insert(jobs).values(modelRows.map((m) => ({ modelId: m.id, benchmarkId: "synthetic", benchmarkVersion: 1 })));
  const site = await serveWorkerApi(db);
  const body = JSON.stringify({ attempt: 1, report: report(IMAGES_PER_REPORT), thumbnails: [] });
  const post = (p: string, payload: string) =>
    fetch(`${site.url}${p}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: payload,
    });
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, w) => {
      for (;;) {
        const t0 = performance.now();
        const claim = await post("/api/v1/worker/claim", JSON.stringify({ workerName: `w${w}` }));
        if (claim.status === 204) return;
        const { job } = (await claim.json()) as { job: { id: number } };
        const done = await post(`/api/v1/worker/jobs/${job.id}/complete`, body);
        if (!done.ok) throw new Error(`complete answered ${done.status}: ${await done.text()}`);
        await done.arrayBuffer();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await site.stop();
  const [{ left }] = await db
    .select({ left: sql<number>`count(*)::int` })
    .from(jobs)
    .where(sql`${jobs.status} <> 'succeeded'`);
  if (left !== 0 || latencies.length !== JOBS) throw new Error(`${left} jobs not succeeded, ${latencies.length} round trips`);
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { perSecond: JOBS / seconds, p50: q(0.5), p99: q(0.99) };
}

async function main() {
  const kinds: TestDatabaseKind[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "bench-queue-"));
  const rows: string[] = [];
  let upload = "";
  try {
    for (const kind of kinds) {
      const handle = await openTestDatabase(kind);
      try {
        if (kind === "pglite") {
          const u = await benchUpload(handle, root);
          upload = `| ${u.mb.toFixed(1)} MB model (model.json + one shard), multipart | ${u.seconds.toFixed(2)} s | ${(u.mb / u.seconds).toFixed(1)} MB/s |`;
          console.error(`[bench:queue] upload ${upload}`);
        }
        const r = await benchRoundTrips(handle, root);
        rows.push(`| ${kind} | ${WORKERS} | ${JOBS} | ${r.perSecond.toFixed(1)} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms |`);
        console.error(`[bench:queue] ${rows.at(-1)}`);
      } finally {
        await handle.close();
      }
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  const cpus = os.cpus();
  const section = `## Queue and uploads (\`npm run bench:queue\`)

Run ${new Date().toISOString()} on ${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB,
Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} at the start (other processes share this machine).

Upload: \`handleCreateSubmission\` (the route's body) on a file-backed multipart request: streamed to disk under the
cap, validated (manifest against shard sizes, weights hashed), stored content-addressed, rows written, job queued.

| upload | time | throughput |
|---|---|---|
${upload}

Round trips: the real worker-API handlers behind node:http; ${WORKERS} concurrent clients each loop claim → complete
(a report with ${IMAGES_PER_REPORT} per-image rows, written with its evaluation in one transaction) until ${JOBS} jobs are done.

| database | workers | jobs | round trips/s | p50 | p99 |
|---|---|---|---|---|---|
${rows.join("\n")}
`;
  replaceSection(path.join("docs", "benchmarks.md"), "queue", section);
  console.error("[bench:queue] wrote docs/benchmarks.md");
}

main().catch((err) => {
  console.error(`bench:queue: ${(err as Error).message}`);
  process.exit(1);
});
