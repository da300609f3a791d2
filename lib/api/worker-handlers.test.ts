import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { evaluations, imageResults, jobs, models } from "@/db/schema";
import { enqueueEvaluation } from "@/lib/queries/jobs";
import { createWorkerToken } from "@/lib/queries/worker-tokens";
import type { EvaluationReport } from "@/lib/queue/protocol";
import { testProvenance } from "@/lib/types/testing/provenance";
import { CrossCheckSchema } from "@/lib/types/cross-check";
import { StoredProvenanceSchema } from "@/lib/types/provenance";
import { handleResult } from "./public-results";
import { handleClaim, handleComplete, handleHeartbeat, handleMaintenance } from "./worker-handlers";

// The worker API's real handlers on a real database, called with real Requests: what the site stores (or refuses)
// when a worker, or anyone holding a worker token, posts a result.

const N = 8;
const RHO = 0.3;

/** A report whose aggregates are those of its per-image rows (6 of 8 correct, every ρ = 0.3). */
function validReport(): EvaluationReport {
  return {
    benchmark: { id: "synthetic", version: 1 },
    n_images: N,
    n_undefined: 0,
    alignment_score: RHO / 0.65753,
    spearman_mean: RHO,
    top1_accuracy: 0.75,
    dice_mean: 0.3,
    iou_mean: 0.2,
    ci95: { alignment_score: [0.4, 0.5], top1_accuracy: [0.5, 1] },
    backend: { name: "cpu", version: "4.22.0" },
    provenance: testProvenance(N),
    per_image: Array.from({ length: N }, (_, index) => ({
      index,
      shard: "val-0",
      label: index,
      spearman: RHO,
      correct: index % 4 !== 0,
      dice: 0.3,
      iou: 0.2,
    })),
  };
}

type Mutation = (r: EvaluationReport) => void;
const HOSTILE: [string, Mutation, string, RegExp][] = [
  ["alignment 1e300", (r) => (r.alignment_score = 1e300), "alignment_score", /is 1e\+300 but the per-image values give 0\.456/],
  ["alignment above 1/ceiling", (r) => (r.alignment_score = 1.6), "alignment_score", /is 1\.6 but the per-image values give/],
  ["ρ mean −1e300", (r) => (r.spearman_mean = -1e300), "spearman_mean", /Too small: expected number to be >=-1/],
  ["a per-image ρ of 2", (r) => (r.per_image[3].spearman = 2), "per_image.3.spearman", /Too big: expected number to be <=1/],
  ["Dice −7", (r) => (r.dice_mean = -7), "dice_mean", /Too small: expected number to be >=0/],
  ["IoU 42", (r) => (r.iou_mean = 42), "iou_mean", /Too big: expected number to be <=1/],
  ["a per-image IoU of 42", (r) => (r.per_image[0].iou = 42), "per_image.0.iou", /Too big/],
  ["accuracy 1.5", (r) => (r.top1_accuracy = 1.5), "top1_accuracy", /Too big: expected number to be <=1/],
  ["accuracy the per-image rows do not give", (r) => (r.top1_accuracy = 1), "top1_accuracy", /is 1 but the per-image values give 0\.75/],
  [
    "a CI with lower > upper",
    (r) => (r.ci95.alignment_score = [0.5, 0.4]),
    "ci95.alignment_score",
    /does not contain the estimate .* \(lower ≤ estimate ≤ upper\)/,
  ],
  [
    "a CI beside its estimate",
    (r) => (r.ci95.top1_accuracy = [0.8, 0.9]),
    "ci95.top1_accuracy",
    /\[0\.8, 0\.9\] does not contain the estimate 0\.75/,
  ],
  [
    "a CI for no estimate",
    (r) => Object.assign(r, { top1_accuracy: null }),
    "top1_accuracy",
    /is null but the per-image values give 0\.75/,
  ],
  ["n_undefined > n_images", (r) => (r.n_undefined = N + 1), "n_undefined", /9 is more than n_images \(8\)/],
  ["n_undefined not the null ρ count", (r) => (r.n_undefined = 2), "n_undefined", /is 2 but 0 per-image ρ are null/],
  ["per_image shorter than n_images", (r) => (r.n_images = N + 1), "per_image", /has 8 entries but n_images is 9/],
  ["repeated image indices", (r) => (r.per_image[1].index = 0), "per_image", /image indices repeat/],
  [
    "an ONNX cross-check with a text tolerance",
    (r) => (loose(r).cross_check = { ...passedCheck(), tolerance: "small" }),
    "provenance.cross_check.tolerance",
    /expected number/,
  ],
  [
    "an ONNX cross-check of an unknown status",
    (r) => (loose(r).cross_check = { ...passedCheck(), status: "fine" }),
    "provenance.cross_check.status",
    /Invalid/,
  ],
  // Provenance is one schema (lib/types/provenance.ts), in one spelling: nothing is defaulted or renamed on the way in.
  ["no provenance at all", (r) => delete (r as Partial<EvaluationReport>).provenance, "provenance", /expected object/],
  ["provenance without a code version", (r) => delete loose(r).code_version, "provenance.code_version", /expected string/],
  ["the old camelCase spelling", (r) => (loose(r).codeVersion = "abc"), "provenance", /Unrecognized key: "codeVersion"/],
  ["hardware as one string", (r) => (loose(r).hardware = "8 cores"), "provenance.hardware", /expected object/],
  [
    "hardware with a text CPU count",
    (r) => (loose(r.provenance.hardware).cpu_count = "8"),
    "provenance.hardware.cpu_count",
    /expected number/,
  ],
  [
    "a dataset fingerprint that is no sha256",
    (r) => (r.provenance.dataset.sha256 = "abc"),
    "provenance.dataset.sha256",
    /must be a sha256 in lowercase hex/,
  ],
  ["a negative duration", (r) => (r.provenance.duration_ms = -1), "provenance.duration_ms", /Too small/],
  ["a start that is no date", (r) => (r.provenance.started_at = "yesterday"), "provenance.started_at", /Invalid ISO datetime/],
  ["a run without its batch size", (r) => delete loose(r.provenance.run).batch_size, "provenance.run.batch_size", /expected number/],
  ["an unknown model format", (r) => (loose(r).model_format = "pickle"), "provenance.model_format", /Invalid option/],
  [
    "a provenance backend other than the report's",
    (r) => (r.provenance.backend = { name: "wasm", version: "4.22.0" }),
    "provenance.backend",
    /differs from the report's backend/,
  ],
];

/** The report's provenance (or a part of it) as a plain record, to break it in ways its type forbids. */
function loose(r: EvaluationReport | object): Record<string, unknown> {
  return ("provenance" in r ? r.provenance : r) as Record<string, unknown>;
}

function passedCheck() {
  return {
    status: "passed",
    engine: "onnxruntime-node 1.30.0",
    relative_tolerance: 1e-3,
    images: 2,
    max_abs_diff: 3e-7,
    max_abs_logit: 2.2,
    tolerance: 2.2e-3,
    top1_agreement: 1,
    passed: true,
    first_diverging_node: null,
  };
}

describe.each(testDatabaseKinds())("worker API handlers on %s", (kind) => {
  let handle: DatabaseHandle;
  let worker: string;
  let scheduler: string;
  let jobId: number;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    const { db } = handle;
    await db.execute(sql`truncate jobs, evaluations, image_results, models, worker_tokens restart identity cascade`);
    worker = (await createWorkerToken(db, "w")).token;
    scheduler = (await createWorkerToken(db, "s", "scheduler")).token;
    const [model] = await db
      .insert(models)
      .values({
        slug: "m",
        displayName: "M",
        ownerName: "t",
        family: "CNN",
        trainingData: "none",
        preprocessing: { scale: 1, mean: [0, 0, 0], std: [1, 1, 1] },
        artifactPath: null,
      })
      .returning();
    jobId = (await enqueueEvaluation(db, { modelId: model.id, benchmarkId: "synthetic", benchmarkVersion: 1, reason: "submission" })).id;
  });

  const post = (handler: typeof handleClaim, path: string, token: string, body: unknown, params: Record<string, string> = {}) =>
    handler(
      handle.db,
      new Request(`http://site${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      params,
    );
  /** Leases the job the way a worker does (the model has no artifacts, so the lease is taken directly). */
  const lease = async () => {
    await handle.db
      .update(jobs)
      .set({ status: "running", attempts: 1, leaseExpiresAt: sql`now() + interval '60 seconds'`, workerTokenId: 1 })
      .where(eq(jobs.id, jobId));
  };
  const complete = (report: unknown) =>
    post(handleComplete, `/api/v1/worker/jobs/${jobId}/complete`, worker, { attempt: 1, report }, { id: String(jobId) });
  const stored = async () => ({
    evaluations: (await handle.db.select().from(evaluations)).length,
    images: (await handle.db.select().from(imageResults)).length,
    status: (await handle.db.select().from(jobs).where(eq(jobs.id, jobId)))[0].status,
  });

  it.each(HOSTILE)("refuses a report with %s: 422 naming the field, nothing stored", async (_, mutate, field, message) => {
    await lease();
    const report = validReport();
    mutate(report);
    const res = await complete(report);
    const body = await res.json();
    expect(res.status).toBe(422);
    expect(body.error.code).toBe("invalid_report");
    expect(body.error.message).toContain(`Invalid field 'report.${field}'`);
    expect(body.error.message).toMatch(message);
    expect(await stored()).toEqual({ evaluations: 0, images: 0, status: "running" });
  });

  it("stores a consistent report (the control for the cases above)", async () => {
    await lease();
    const res = await complete(validReport());
    expect(res.status).toBe(200);
    expect(await stored()).toEqual({ evaluations: 1, images: N, status: "succeeded" });
  });

  it("stores an ONNX report's cross-check as provenance.cross_check, in the one spelling", async () => {
    await lease();
    const report = validReport();
    loose(report).cross_check = passedCheck();
    expect((await complete(report)).status).toBe(200);
    const [row] = await handle.db.select().from(evaluations);
    expect(row.provenance?.cross_check).toEqual(passedCheck());
    expect(row.provenance).not.toHaveProperty("crossCheck");
  });

  it("stores the reported provenance as it came, plus worker, job and attempt, and serves exactly that at /api/v1/results/{id}", async () => {
    await lease();
    await handle.db.update(jobs).set({ workerName: "gpu-7" }).where(eq(jobs.id, jobId));
    await handle.db.update(models).set({ visibility: "public" });
    const report = validReport();
    report.backend = { name: "ort", version: "onnxruntime-node 1.30.0", threads: 4 };
    report.provenance = testProvenance(N, {
      backend: report.backend,
      model_format: "onnx",
      cross_check: CrossCheckSchema.parse(passedCheck()),
    });
    const sent = JSON.parse(JSON.stringify(report.provenance));
    const done = await complete(report);
    expect(done.status).toBe(200);
    const { evaluationId } = await done.json();
    const res = await handleResult(handle.db, new Request(`http://site/api/v1/results/${evaluationId}`), String(evaluationId));
    expect(res.status).toBe(200);
    const served = (await res.json()).result.provenance;
    expect(served).toEqual({ ...sent, worker: "gpu-7", job_id: jobId, attempt: 1 });
    expect(StoredProvenanceSchema.parse(served)).toEqual(served);
    const [row] = await handle.db.select().from(evaluations);
    expect(row.provenance).toEqual(served);
    expect(row.durationMs).toBe(sent.duration_ms);
  });

  it("refuses heartbeat progress past its total", async () => {
    await lease();
    const res = await post(
      handleHeartbeat,
      `/api/v1/worker/jobs/${jobId}/heartbeat`,
      worker,
      { attempt: 1, progress: { done: 9, total: 8 } },
      { id: String(jobId) },
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({ code: "bad_request", message: "Invalid field 'progress.done': done must not exceed total" });
    expect((await handle.db.select().from(jobs).where(eq(jobs.id, jobId)))[0].progressDone).toBe(0);
  });

  it("refuses hostile job ids in heartbeats and results: 404 past the integer column, 400 for non-canonical ones", async () => {
    await lease();
    const beat = (id: string) => post(handleHeartbeat, `/api/v1/worker/jobs/${id}/heartbeat`, worker, { attempt: 1 }, { id });
    const cases: [string, number, { code: string; message: string }][] = [
      ["2147483648", 404, { code: "not_found", message: "No job 2147483648: job ids stop at 2147483647." }],
      [
        "0x1a",
        400,
        { code: "bad_request", message: "Invalid job id '0x1a': expected a positive decimal integer (no sign, leading zeros or hex)." },
      ],
      [
        `0${jobId}`,
        400,
        {
          code: "bad_request",
          message: `Invalid job id '0${jobId}': expected a positive decimal integer (no sign, leading zeros or hex).`,
        },
      ],
      ["%00", 400, { code: "bad_request", message: "Path segment 'job id' contains a NUL byte." }],
      ["%FF", 400, { code: "bad_request", message: "Path segment 'job id' is not valid percent-encoded UTF-8: '%FF'." }],
    ];
    for (const [id, status, error] of cases) {
      const res = await beat(id);
      expect([id, res.status, (await res.json()).error]).toEqual([id, status, error]);
      const done = await post(handleComplete, `/api/v1/worker/jobs/${id}/complete`, worker, { attempt: 1, report: validReport() }, { id });
      expect([id, done.status]).toEqual([id, status]);
    }
    expect(await stored()).toEqual({ evaluations: 0, images: 0, status: "running" });
  });

  it("lets a scheduler token run maintenance but not lease jobs, and a worker token the reverse", async () => {
    const claimAs = (token: string) =>
      post(handleClaim, "/api/v1/worker/claim", token, {
        workerName: "x",
        benchmarks: [{ id: "synthetic", version: 1, fingerprint: "a".repeat(64) }],
      });
    const refused = await claimAs(scheduler);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toEqual({
      code: "forbidden",
      message: "This is a scheduler token; only a worker token may lease and report jobs.",
    });
    expect((await stored()).status).toBe("queued");
    const maintenance = await post(handleMaintenance, "/api/v1/worker/maintenance", worker, {});
    expect(maintenance.status).toBe(403);
    expect((await maintenance.json()).error).toEqual({
      code: "forbidden",
      message: "This is a worker token; only a scheduler token may run maintenance.",
    });
    expect((await post(handleMaintenance, "/api/v1/worker/maintenance", scheduler, {})).status).toBe(200);
    expect((await claimAs(worker)).status).toBe(204); // leased, then failed at once: the model has no stored weights
    expect((await stored()).status).not.toBe("queued");
  });
});
