/**
 * Private results for their owner (issue #12 item 3) and re-runs (item 5), through the real handlers with real
 * sessions and API tokens on PGlite and PostgreSQL: a model submitted privately through POST /api/v1/submissions,
 * evaluated by a worker's real completion, is shown to its owner on every endpoint (model, result, thumbnail,
 * per-image CSV/JSON, job status), marked and never cacheable; anonymous callers, another user and another user's
 * token get the very 404 of an id nobody has. The owner publishes it (the disclosure count stays), and re-queues a
 * cancelled evaluation.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { evaluations, jobs, models, users } from "@/db/schema";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import type { RequestContext } from "@/lib/auth";
import { SlidingWindowLimiter } from "@/lib/auth/rate-limit";
import { createTestAuth, signUpForTest, TEST_SITE } from "@/lib/auth/testing";
import { createApiToken } from "@/lib/queries/api-tokens";
import { OWNER_MAX_ATTEMPTS_PER_JOB } from "@/lib/types/model-limits";
import { createWorkerToken } from "@/lib/queries/worker-tokens";
import { handlePublishModel, handlePublishResult } from "./publish";
import { handleResult, handleResultImages, handleThumbnail } from "./public-results";
import { handleModel } from "./read-handlers";
import { handleCreateSubmission, type SubmissionDeps } from "./submissions";
import { handleCancelJob, handleGetJob, handleRequeueJob } from "./submissions-jobs";
import { submitAndEvaluate, SYNTHETIC_CEILING, THUMBNAIL_PNG } from "./testing/evaluated-submission";
import { saveTinyModel, type SavedModel } from "./testing/submissions-test-model";

const CEILING = SYNTHETIC_CEILING;
const PNG = THUMBNAIL_PNG;

type Who = Record<string, string>;

describe.each(testDatabaseKinds())("an owner's private results on %s", (kind) => {
  let handle: DatabaseHandle;
  let ctx: RequestContext;
  let deps: SubmissionDeps;
  let worker: { token: string; id: number };
  let ada: Who;
  let adaToken: Who;
  let adaId: string;
  let bob: Who;
  let bobToken: Who;
  const anonymous: Who = {};
  let saved: SavedModel[];
  /** The first private model and its evaluation (result id). */
  let first: { slug: string; resultId: number; jobId: number };
  let second: { slug: string; resultId: number };

  const get = (url: string, headers: Who) => new Request(`${TEST_SITE}${url}`, { headers });
  const postJson = (url: string, headers: Who) =>
    new Request(`${TEST_SITE}${url}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: "{}" });
  const postForm = (url: string, headers: Who, body: string) =>
    new Request(`${TEST_SITE}${url}`, {
      method: "POST",
      headers: { origin: TEST_SITE, ...headers, "content-type": "application/x-www-form-urlencoded" },
      body,
    });

  /** Submits a private 10-class model as Ada and completes its synthetic job with a real worker report. */
  const privateResult = (model: SavedModel, name: string, rhos: (number | null)[]) =>
    submitAndEvaluate(handle.db, deps, worker, adaToken, model, { name, visibility: "private" }, rhos);

  /** Every owner-aware read of one result, as `who` sees it. */
  const reads = (id: number, slug: string, who: Who) => ({
    result: () => handleResult(handle.db, get(`/api/v1/results/${id}`, who), String(id), ctx.auth),
    model: () => handleModel(handle.db, slug, { req: get(`/api/v1/models/${slug}`, who), auth: ctx.auth }),
    thumbnail: () =>
      handleThumbnail(handle.db, get(`/api/v1/results/${id}/thumbnails/saliency/2`, who), String(id), "saliency", "2", ctx.auth),
    csv: () => handleResultImages(handle.db, get(`/api/v1/results/${id}/images.csv`, who), String(id), "csv", ctx.auth),
    json: () => handleResultImages(handle.db, get(`/api/v1/results/${id}/images.json`, who), String(id), "json", ctx.auth),
  });

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    const auth = createTestAuth(handle.db);
    ctx = { db: handle.db, auth, siteOrigin: TEST_SITE };
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "owner-views-"));
    deps = {
      ...ctx,
      dataDir,
      maxUploadBytes: 8 * 1024 * 1024,
      submissionsPerDay: 50,
      rejectedUploads: new SlidingWindowLimiter(1000, 3600_000),
    };
    const a = await signUpForTest(auth, "ada@example.org", "Ada");
    const b = await signUpForTest(auth, "bob@example.org", "Bob");
    ada = { cookie: a.cookie };
    adaId = a.userId;
    bob = { cookie: b.cookie };
    adaToken = { authorization: `Bearer ${(await createApiToken(handle.db, a.userId, "ci")).token}` };
    bobToken = { authorization: `Bearer ${(await createApiToken(handle.db, b.userId, "ci")).token}` };
    const w = await createWorkerToken(handle.db, "w");
    worker = { token: w.token, id: w.row.id };
    saved = await Promise.all([saveTinyModel(61), saveTinyModel(62), saveTinyModel(63)]);
    first = await privateResult(saved[0], "Ada First", [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]);
    second = await privateResult(saved[1], "Ada Second", [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, null]);
  });
  afterAll(async () => {
    await handle?.close();
    if (deps) await rm(deps.dataDir, { recursive: true, force: true });
  });

  it("the owner sees the private model, result, thumbnail and per-image downloads, marked private and never cacheable", async () => {
    for (const who of [ada, adaToken]) {
      const r = reads(first.resultId, first.slug, who);
      const result = await r.result();
      expect(result.status).toBe(200);
      expect(result.headers.get("cache-control")).toBe("private, no-store");
      expect(result.headers.get("vary")).toBe("Cookie, Authorization");
      const body = await result.json();
      expect(body.private_notice).toMatch(/^Private — only you can see this/);
      expect(body.result).toMatchObject({
        id: first.resultId,
        visibility: "private",
        rank: null,
        private_attempts_before: 0,
        model: { slug: first.slug },
      });
      expect(body.links.publish).toBe(`/api/v1/results/${first.resultId}/publish`);
      // alignment = mean ρ / ceiling, the mean of 0.1 … 0.8 being 0.45.
      expect(body.result.scores.alignment.value).toBeCloseTo(0.45 / CEILING, 12);

      const model = await r.model();
      expect(model.status).toBe(200);
      expect(model.headers.get("cache-control")).toBe("private, no-store");
      const m = await model.json();
      expect(m.model).toMatchObject({ slug: first.slug, visibility: "private" });
      expect(m.evaluations).toEqual([expect.objectContaining({ id: first.resultId, visibility: "private" })]);

      const thumb = await r.thumbnail();
      expect(thumb.status).toBe(200);
      expect(thumb.headers.get("cache-control")).toBe("private, no-store");
      expect(Buffer.from(await thumb.arrayBuffer())).toEqual(PNG);

      const csv = await r.csv();
      expect(csv.headers.get("cache-control")).toBe("private, no-store");
      expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="result-${first.resultId}-synthetic-v1-images.csv"`);
      const lines = (await csv.text()).split("\r\n").filter(Boolean);
      expect(lines[0]).toBe("index,shard,label,spearman,correct,dice,iou");
      expect(lines.slice(1)).toEqual(
        [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8].map((rho, i) => `${i},val-0,${i},${rho},${i % 4 !== 0},0.3,0.2`),
      );
      const images = await (await r.json()).json();
      expect(images.images.map((x: { spearman: number }) => x.spearman)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]);
    }
    // An undefined ρ (a constant map) is an empty CSV cell and a JSON null.
    const csv = (await (await reads(second.resultId, second.slug, ada).csv()).text()).split("\r\n");
    expect(csv[8]).toBe("7,val-0,7,,true,0.3,0.2");
  });

  it("anonymous callers, another user and another user's token get exactly the 404 of an id nobody has", async () => {
    const missingId = 999_999;
    const missing = reads(missingId, "no-such-model-at-all", anonymous);
    const expected = {
      result: await missing.result(),
      model: await missing.model(),
      thumbnail: await missing.thumbnail(),
      csv: await missing.csv(),
      json: await missing.json(),
    };
    const expectedBodies = Object.fromEntries(
      await Promise.all(
        Object.entries(expected).map(async ([k, res]) => [
          k,
          { status: res.status, cache: res.headers.get("cache-control"), text: await res.text() },
        ]),
      ),
    );
    expect(expectedBodies.result.status).toBe(404);
    for (const who of [anonymous, bob, bobToken]) {
      const r = reads(first.resultId, first.slug, who);
      for (const [name, call] of Object.entries(r)) {
        const res = await call();
        const want = expectedBodies[name];
        const text = (await res.text())
          .replaceAll(first.slug, "no-such-model-at-all")
          .replaceAll(String(first.resultId), String(missingId));
        expect({ name, status: res.status, cache: res.headers.get("cache-control"), text }).toEqual({ name, ...want });
      }
    }
    // Nor do their job statuses answer: the job is another 404.
    expect((await handleGetJob(ctx, get(`/api/v1/jobs/${first.jobId}`, bob), String(first.jobId))).status).toBe(404);
  });

  it("the owner's job status links to the private result page", async () => {
    const res = await handleGetJob(ctx, get(`/api/v1/jobs/${first.jobId}`, ada), String(first.jobId));
    expect((await res.json()).job.result).toMatchObject({ id: first.resultId, public: false, url: `/results/${first.resultId}` });
  });

  it("only the owner publishes, from the site or with a token; the disclosure count of earlier private attempts stays", async () => {
    const url = `/api/v1/results/${second.resultId}/publish`;
    const publish = (req: Request) => handlePublishResult(ctx, req, String(second.resultId));
    expect((await publish(postJson(url, anonymous))).status).toBe(401);
    const bobs = await publish(postJson(url, bobToken));
    expect(bobs.status).toBe(404);
    expect((await bobs.json()).error.message).toBe(`No result ${second.resultId}.`);
    expect((await publish(postForm(url, { ...ada, origin: "https://evil.example" }, "confirm=yes"))).status).toBe(403);
    const unconfirmed = await publish(postForm(url, ada, ""));
    expect(unconfirmed.status).toBe(400);
    expect((await unconfirmed.json()).error.message).toMatch(/Tick the box/);

    const done = await publish(postForm(url, ada, "confirm=yes"));
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`/results/${second.resultId}`);

    // Now public to everyone, ranked, cacheable, and disclosing Ada's one earlier private evaluation on this benchmark.
    const pub = await handleResult(handle.db, get(`/api/v1/results/${second.resultId}`, anonymous), String(second.resultId), ctx.auth);
    expect(pub.status).toBe(200);
    expect(pub.headers.get("cache-control")).toBe("public, max-age=30, stale-while-revalidate=60");
    const body = await pub.json();
    expect(body.private_notice).toBeUndefined();
    expect(body.result).toMatchObject({ visibility: "public", rank: 1, private_attempts_before: 1 });
    expect(body.result.published_at).not.toBeNull();
    const model = await handleModel(handle.db, second.slug);
    expect((await model.json()).model.visibility).toBe("public");
    // The first, still private, stays hidden from others.
    expect(
      (await handleResult(handle.db, get(`/api/v1/results/${first.resultId}`, anonymous), String(first.resultId), ctx.auth)).status,
    ).toBe(404);

    // Publishing the earlier attempt later does not lower the count on the result published before it.
    const again = await handlePublishModel(ctx, postJson(`/api/v1/models/${first.slug}/publish`, adaToken), first.slug);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ published: { model: first.slug, results: [first.resultId], already_public: false } });
    const after = await (
      await handleResult(handle.db, get(`/api/v1/results/${second.resultId}`, anonymous), String(second.resultId))
    ).json();
    expect(after.result.private_attempts_before).toBe(1);
    const firstNow = await (
      await handleResult(handle.db, get(`/api/v1/results/${first.resultId}`, anonymous), String(first.resultId))
    ).json();
    // Ada's second result was public before the first was published, so it was no private attempt at that moment.
    expect(firstNow.result).toMatchObject({ visibility: "public", private_attempts_before: 0 });
    // Both on the board now: the second's mean ρ 0.5 (over its 7 defined images) is above the first's 0.45.
    expect(firstNow.result.rank).toBe(2);
    // Publishing what is public changes nothing.
    const twice = await handlePublishResult(ctx, postJson(url, adaToken), String(second.resultId));
    expect((await twice.json()).published.already_public).toBe(true);
  });

  it("the owner re-queues a cancelled or failed evaluation; nobody else can, and a succeeded one stays", async () => {
    const third = await saveTinyModel(64);
    const fd = new FormData();
    for (const [k, v] of Object.entries({
      name: "Ada Third",
      family: "CNN",
      training_data: "none",
      trained_on_human_maps: "no",
      preprocessing: "identity",
      num_classes: "10",
      visibility: "private",
    }))
      fd.append(k, v);
    fd.append("files", new Blob([third.modelJson], { type: "application/json" }), "model.json");
    fd.append("files", new Blob([new Uint8Array(third.weights)]), third.shardName);
    const sub = await (
      await handleCreateSubmission(deps, new Request(`${TEST_SITE}/api/v1/submissions`, { method: "POST", headers: adaToken, body: fd }))
    ).json();
    const jobId: number = sub.jobs[0].id;
    const requeue = (who: Who) => handleRequeueJob(ctx, postJson(`/api/v1/jobs/${jobId}/requeue`, who), String(jobId));

    expect((await requeue(adaToken)).status).toBe(409); // still queued: nothing to re-run
    expect((await handleCancelJob(ctx, postJson(`/api/v1/jobs/${jobId}/cancel`, adaToken), String(jobId))).status).toBe(200);
    expect((await requeue(anonymous)).status).toBe(401);
    expect((await requeue(bobToken)).status).toBe(404); // another user's private model: as if there were no job
    const ok = await requeue(adaToken);
    expect(ok.status).toBe(200);
    expect((await ok.json()).job).toMatchObject({ id: jobId, status: "queued", attempts: 0, max_attempts: 3, failure_message: null });
    const [row] = await handle.db.select().from(jobs).where(eq(jobs.id, jobId));
    expect(row).toMatchObject({ status: "queued", reason: "requeue", finishedAt: null });

    // A form post from the status page returns to it.
    await handle.db
      .update(jobs)
      .set({ status: "failed", failureClass: "invalid_model", failureMessage: "bad", finishedAt: sql`now()` })
      .where(eq(jobs.id, jobId));
    const form = await handleRequeueJob(ctx, postForm(`/api/v1/jobs/${jobId}/requeue`, ada, ""), String(jobId));
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe(`/submissions/${sub.model.slug}`);

    // Re-queues are capped by the worker time the job has used: at 12 attempts the owner is refused, an admin is not.
    const failAfter = (attempts: number) =>
      handle.db
        .update(jobs)
        .set({ status: "failed", attempts, failureClass: "timeout", failureMessage: "slow", finishedAt: sql`now()` })
        .where(eq(jobs.id, jobId));
    await failAfter(OWNER_MAX_ATTEMPTS_PER_JOB - 1);
    expect((await requeue(adaToken)).status).toBe(200);
    await failAfter(OWNER_MAX_ATTEMPTS_PER_JOB);
    const capped = await requeue(adaToken);
    expect(capped.status).toBe(409);
    expect((await capped.json()).error).toMatchObject({
      message: expect.stringMatching(
        /^Job \d+ has used 12 attempts, the most an owner's re-queues may give one evaluation \(12\); submit a new version/,
      ),
      details: { attempts: 12, limit: 12 },
    });
    await handle.db.update(users).set({ role: "admin" }).where(eq(users.id, adaId));
    expect((await requeue(adaToken)).status).toBe(200);
    await handle.db.update(users).set({ role: "submitter" }).where(eq(users.id, adaId));
    await failAfter(1);

    const succeeded = await handleRequeueJob(ctx, postJson(`/api/v1/jobs/${first.jobId}/requeue`, adaToken), String(first.jobId));
    expect(succeeded.status).toBe(409);
    expect((await succeeded.json()).error.message).toBe(
      `Job ${first.jobId} is succeeded; only a cancelled or failed evaluation can be re-queued.`,
    );
    // The evaluation rows are untouched by any of this.
    expect((await handle.db.select().from(evaluations)).map((e) => e.id).sort()).toEqual([first.resultId, second.resultId].sort());
    expect((await handle.db.select().from(models)).filter((m) => m.visibility === "private").map((m) => m.slug)).toEqual([sub.model.slug]);
  });
});
