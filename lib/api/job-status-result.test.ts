import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { DatabaseHandle } from "@/db/client";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { jobs, models } from "@/db/schema";
import { createTestAuth, TEST_SITE } from "@/lib/auth/testing";
import type { RequestContext } from "@/lib/auth";
import { enqueueEvaluation, getJobStatusOrThrow } from "@/lib/queries/jobs";
import { createWorkerToken } from "@/lib/queries/worker-tokens";
import type { EvaluationReport } from "@/lib/queue/protocol";
import { testProvenance } from "@/lib/types/testing/provenance";
import { JobStatus, type JobStatusJson } from "@/components/status/job-status";
import { handleGetJob, jobStatusJson } from "./submissions-jobs";
import { handleComplete, handleHeartbeat } from "./worker-handlers";

// A job's status through GET /api/v1/jobs/:id from queued to succeeded, with real worker reports completing it:
// the attempt line, and on success the primary score with its 95% interval, the board rank and the result link,
// the same in the JSON and on the status card rendered from it. PGlite and PostgreSQL.

const N = 8;
const CEILING = 0.65753;

/** A consistent report whose every per-image ρ is `rho` (6 of 8 correct). */
function report(rho: number): EvaluationReport {
  const a = rho / CEILING;
  return {
    benchmark: { id: "synthetic", version: 1 },
    n_images: N,
    n_undefined: 0,
    alignment_score: a,
    spearman_mean: rho,
    top1_accuracy: 0.75,
    dice_mean: 0.3,
    iou_mean: 0.2,
    ci95: { alignment_score: [a - 0.05, a + 0.04], top1_accuracy: [0.5, 1] },
    backend: { name: "cpu", version: "4.22.0" },
    provenance: testProvenance(N),
    per_image: Array.from({ length: N }, (_, index) => ({
      index,
      shard: "val-0",
      label: index,
      spearman: rho,
      correct: index % 4 !== 0,
      dice: 0.3,
      iou: 0.2,
    })),
  };
}

describe.each(testDatabaseKinds())("a job's status with its result on %s", (kind) => {
  let handle: DatabaseHandle;
  let ctx: RequestContext;
  let worker: string;
  let tokenId: number;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    ctx = { db: handle.db, auth: createTestAuth(handle.db), siteOrigin: TEST_SITE };
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    await handle.db.execute(sql`truncate jobs, evaluations, image_results, models, worker_tokens restart identity cascade`);
    const created = await createWorkerToken(handle.db, "w");
    worker = created.token;
    tokenId = created.row.id;
  });

  const submit = async (slug: string, visibility: "public" | "private" = "public") => {
    const [m] = await handle.db
      .insert(models)
      .values({
        slug,
        displayName: slug,
        ownerName: "t",
        family: "CNN",
        trainingData: "none",
        visibility,
        preprocessing: { scale: 1, mean: [0, 0, 0], std: [1, 1, 1] },
        artifactPath: null,
      })
      .returning();
    return (await enqueueEvaluation(handle.db, { modelId: m.id, benchmarkId: "synthetic", benchmarkVersion: 1, reason: "submission" })).id;
  };
  const post = (handler: typeof handleComplete, path: string, body: unknown, id: number) =>
    handler(
      handle.db,
      new Request(`http://site${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${worker}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      { id: String(id) },
    );
  /** Leases a job the way a claim does (these models have no artifacts to download). */
  const lease = (id: number) =>
    handle.db
      .update(jobs)
      .set({
        status: "running",
        attempts: 1,
        attemptStartedAt: sql`now()`,
        leaseExpiresAt: sql`now() + interval '60 seconds'`,
        workerTokenId: tokenId,
      })
      .where(eq(jobs.id, id));
  const run = async (id: number, rho: number) => {
    await lease(id);
    expect((await post(handleComplete, `/api/v1/worker/jobs/${id}/complete`, { attempt: 1, report: report(rho) }, id)).status).toBe(200);
  };
  const jobJson = async (id: number): Promise<JobStatusJson & Record<string, unknown>> => {
    const res = await handleGetJob(ctx, new Request(`${TEST_SITE}/api/v1/jobs/${id}`), String(id));
    expect(res.status).toBe(200);
    return (await res.json()).job;
  };
  const card = (job: JobStatusJson) =>
    renderToStaticMarkup(createElement(JobStatus, { initial: job, canCancel: false })).replace(/<!-- -->/g, "");

  it("reads 'not started yet' while queued, 'attempt 1 of 3' with progress while running", async () => {
    const id = await submit("a");
    const queued = await jobJson(id);
    expect(queued).toMatchObject({ status: "queued", attempts: 0, max_attempts: 3, result: null });
    expect(card(queued)).toContain("not started yet · up to 3 attempts");
    expect(card(queued)).not.toContain("attempt 0");

    await lease(id);
    const beat = await post(handleHeartbeat, `/api/v1/worker/jobs/${id}/heartbeat`, { attempt: 1, progress: { done: 2, total: 8 } }, id);
    expect(beat.status).toBe(200);
    const running = await jobJson(id);
    expect(running.progress).toEqual({ done: 2, total: 8, fraction: 0.25 });
    expect(card(running)).toContain("attempt 1 of 3");
    expect(card(running)).toContain("(2 / 8 images)");
  });

  it("on success shows the primary score with its interval, the rank on the board and a link to the result", async () => {
    const [first, second] = [await submit("first"), await submit("second")];
    await run(first, 0.3);
    await run(second, 0.5);
    const top = await jobJson(second);
    const low = await jobJson(first);
    expect(top.status).toBe("succeeded");
    const a = 0.5 / CEILING;
    expect(top.result).toEqual({
      id: top.evaluation_id,
      metric: "alignment",
      score: a,
      ci95: [a - 0.05, a + 0.04],
      rank: 1,
      rank_best: 1,
      board_size: 2,
      public: true,
      url: `/results/${top.evaluation_id}`,
    });
    // The first model's rank moved when the second landed: the status reads the materialised rank, not a copy.
    expect(low.result).toMatchObject({ rank: 2, board_size: 2 });

    const html = card(top);
    // Formatted by the metric registry (percent, one decimal; the bounds without repeating the unit).
    expect(html).toContain("Human alignment (95% CI)");
    expect(html).toContain(`${(a * 100).toFixed(1)}% [${((a - 0.05) * 100).toFixed(1)}, ${((a + 0.04) * 100).toFixed(1)}]`);
    expect(html).toMatch(/<dt>Rank<\/dt><dd>1 of 2<\/dd>/);
    expect(html).toContain(`href="/results/${top.evaluation_id}"`);
    expect(html).toContain("attempt 1 of 3");
  });

  it("a private model's result is not ranked and links to its page, which opens for its owner only", async () => {
    await run(await submit("public-one"), 0.3);
    const id = await submit("secret", "private");
    await run(id, 0.5);
    // Anonymous callers get 404 for a private model's job; its owner's view is this status.
    const job = jobStatusJson(await getJobStatusOrThrow(handle.db, id)) as unknown as JobStatusJson;
    expect(job.result).toMatchObject({ rank: null, public: false, url: `/results/${job.result!.id}`, board_size: 1 });
    const html = card(job);
    expect(html).toContain("not ranked (private results are not on the public board)");
    expect(html).toContain(`href="/results/${job.result!.id}"`);
    expect(html).toContain("private — only you can see this");
  });
});
