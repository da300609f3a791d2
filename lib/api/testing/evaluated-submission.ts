/**
 * Test helper: a model submitted through POST /api/v1/submissions and evaluated by a worker's real completion report
 * (the handlers the routes call, on a test database), so owner-facing tests start from a genuine result.
 */
import { eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db";
import { jobs } from "@/db/schema";
import { TEST_SITE } from "@/lib/auth/testing";
import type { EvaluationReport } from "@/lib/queue/protocol";
import { testProvenance } from "@/lib/types/testing/provenance";
import { handleCreateSubmission, type SubmissionDeps } from "../submissions";
import { handleComplete } from "../worker-handlers";
import type { SavedModel } from "./submissions-test-model";

export const SYNTHETIC_CEILING = 0.65753;
export const THUMBNAIL_PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A consistent synthetic report: image i has ρ = rhos[i] (null: undefined) and is correct unless i % 4 = 0. */
export function syntheticReport(rhos: (number | null)[]): EvaluationReport {
  const defined = rhos.filter((r): r is number => r !== null);
  const mean = defined.reduce((a, b) => a + b, 0) / defined.length;
  const a = mean / SYNTHETIC_CEILING;
  const n = rhos.length;
  const correct = rhos.filter((_, i) => i % 4 !== 0).length / n;
  return {
    benchmark: { id: "synthetic", version: 1 },
    n_images: n,
    n_undefined: n - defined.length,
    alignment_score: a,
    spearman_mean: mean,
    top1_accuracy: correct,
    dice_mean: 0.3,
    iou_mean: 0.2,
    ci95: { alignment_score: [a - 0.05, a + 0.04], top1_accuracy: [Math.max(0, correct - 0.25), 1] },
    backend: { name: "cpu", version: "4.22.0" },
    provenance: testProvenance(n),
    per_image: rhos.map((spearman, index) => ({
      index,
      shard: "val-0",
      label: index,
      spearman,
      correct: index % 4 !== 0,
      dice: 0.3,
      iou: 0.2,
    })),
  };
}

export type EvaluatedSubmission = { slug: string; resultId: number; jobId: number };
type SubmittedFields = { name: string; visibility: "public" | "private"; preprocessing?: string; previous_version?: string };

/** Submits a 10-class model through POST /api/v1/submissions with `headers` (a token or session): its slug and synthetic job. */
export async function submitForTest(
  deps: SubmissionDeps,
  headers: Record<string, string>,
  model: SavedModel,
  fields: SubmittedFields,
): Promise<{ slug: string; jobId: number }> {
  const fd = new FormData();
  const all = {
    family: "CNN",
    training_data: "none (test)",
    trained_on_human_maps: "no",
    preprocessing: "unit-range",
    num_classes: "10",
    ...fields,
  };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) fd.append(k, v);
  fd.append("files", new Blob([model.modelJson], { type: "application/json" }), "model.json");
  fd.append("files", new Blob([new Uint8Array(model.weights)]), model.shardName);
  const res = await handleCreateSubmission(deps, new Request(`${TEST_SITE}/api/v1/submissions`, { method: "POST", headers, body: fd }));
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(201);
  const jobId: number = body.jobs.find((j: { benchmark: { id: string } }) => j.benchmark.id === "synthetic").id;
  return { slug: body.model.slug as string, jobId };
}

/** Puts a job into its first attempt, leased to `worker`, as a claim would. */
export async function leaseForTest(db: Db, jobId: number, worker: { id: number }): Promise<void> {
  await db
    .update(jobs)
    .set({
      status: "running",
      attempts: 1,
      attemptStartedAt: sql`now()`,
      leaseExpiresAt: sql`now() + interval '60 seconds'`,
      workerTokenId: worker.id,
    })
    .where(eq(jobs.id, jobId));
}

/**
 * Submits a 10-class model with `headers` (a token or session) and completes its synthetic job as `worker`; the
 * model's other jobs stay queued.
 */
export async function submitAndEvaluate(
  db: Db,
  deps: SubmissionDeps,
  worker: { token: string; id: number },
  headers: Record<string, string>,
  model: SavedModel,
  fields: SubmittedFields,
  rhos: (number | null)[],
): Promise<EvaluatedSubmission> {
  const { slug, jobId } = await submitForTest(deps, headers, model, fields);
  await leaseForTest(db, jobId, worker);
  const done = await handleComplete(
    db,
    new Request(`${TEST_SITE}/api/v1/worker/jobs/${jobId}/complete`, {
      method: "POST",
      headers: { authorization: `Bearer ${worker.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        attempt: 1,
        report: syntheticReport(rhos),
        thumbnails: [{ kind: "saliency", index: 2, pngBase64: THUMBNAIL_PNG.toString("base64") }],
      }),
    }),
    { id: String(jobId) },
  );
  expect(done.status, await done.clone().text()).toBe(200);
  const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
  return { slug, resultId: job.evaluationId!, jobId };
}
