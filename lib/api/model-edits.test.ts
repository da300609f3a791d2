/**
 * Edits, withdrawal, reinstatement and deletion of a model by its owner (issue #12 item 5), through the handlers the
 * routes call, with real sessions and tokens, on PGlite and PostgreSQL: models submitted through POST
 * /api/v1/submissions and evaluated by a worker's real completion report; the board, the model and result JSON,
 * snapshots, stored files and the disclosure count are read back after each action.
 */
import fs from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { evaluations, jobs, modelHistory, models } from "@/db/schema";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import type { RequestContext } from "@/lib/auth";
import { SlidingWindowLimiter } from "@/lib/auth/rate-limit";
import { createTestAuth, signUpForTest, TEST_SITE } from "@/lib/auth/testing";
import { createApiToken } from "@/lib/queries/api-tokens";
import { parseLeaderboardQuery } from "@/lib/leaderboard/filters";
import { createSnapshot, getSnapshotOrThrow } from "@/lib/queries/snapshots";
import { setUserRole } from "@/lib/queries/users";
import { createWorkerToken } from "@/lib/queries/worker-tokens";
import { MAX_ACTION_BODY_BYTES } from "./action-body";
import { handleDeleteModel, handleEditModel, handleReinstateModel, handleWithdrawModel } from "./model-edits";
import { handlePublishResult } from "./publish";
import { handleResult } from "./public-results";
import { handleLeaderboard, handleModel } from "./read-handlers";
import type { SubmissionDeps } from "./submissions";
import { submitAndEvaluate, type EvaluatedSubmission } from "./testing/evaluated-submission";
import { saveTinyModel, type SavedModel } from "./testing/submissions-test-model";

type Who = Record<string, string>;
const RHOS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];

describe.each(testDatabaseKinds())("a model's owner edits, withdraws, reinstates and deletes on %s", (kind) => {
  let handle: DatabaseHandle;
  let ctx: RequestContext;
  let deps: SubmissionDeps;
  let worker: { token: string; id: number };
  let ada: Who, adaToken: Who, bob: Who, bobToken: Who, admin: Who;
  let saved: SavedModel[];
  let pub: EvaluatedSubmission;

  const send = (method: string, url: string, who: Who, body?: unknown) =>
    new Request(`${TEST_SITE}${url}`, {
      method,
      headers: { origin: TEST_SITE, ...who, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  const edit = (slug: string, who: Who, body: unknown) => handleEditModel(ctx, send("PATCH", `/api/v1/models/${slug}`, who, body), slug);
  const withdraw = (slug: string, who: Who, body: unknown) =>
    handleWithdrawModel(ctx, send("POST", `/api/v1/models/${slug}/withdraw`, who, body), slug);
  const reinstate = (slug: string, who: Who) => handleReinstateModel(ctx, send("POST", `/api/v1/models/${slug}/reinstate`, who), slug);
  const del = (slug: string, who: Who) => handleDeleteModel(ctx, send("DELETE", `/api/v1/models/${slug}`, who), slug);
  const modelJson = async (slug: string, who: Who = {}) => {
    const res = await handleModel(handle.db, slug, {
      req: new Request(`${TEST_SITE}/api/v1/models/${slug}`, { headers: who }),
      auth: ctx.auth,
    });
    return { status: res.status, cache: res.headers.get("cache-control"), body: await res.json() };
  };
  const boardSlugs = async () => {
    const res = await handleLeaderboard(handle.db, new URL(`${TEST_SITE}/api/v1/leaderboard?benchmark=synthetic&include_demo=false`));
    const body = await res.json();
    return body.rows.map((r: { slug: string; display_name: string; rank: number }) => `${r.slug}:${r.display_name}:${r.rank}`);
  };

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    const auth = createTestAuth(handle.db);
    ctx = { db: handle.db, auth, siteOrigin: TEST_SITE };
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "model-edits-"));
    deps = {
      ...ctx,
      dataDir,
      maxUploadBytes: 8 * 1024 * 1024,
      submissionsPerDay: 50,
      rejectedUploads: new SlidingWindowLimiter(1000, 3600_000),
    };
    const a = await signUpForTest(auth, "ada@example.org", "Ada");
    const b = await signUpForTest(auth, "bob@example.org", "Bob");
    const m = await signUpForTest(auth, "mod@example.org", "Mod");
    await setUserRole(handle.db, "mod@example.org", "admin");
    ada = { cookie: a.cookie };
    bob = { cookie: b.cookie };
    admin = { cookie: m.cookie };
    adaToken = { authorization: `Bearer ${(await createApiToken(handle.db, a.userId, "ci")).token}` };
    bobToken = { authorization: `Bearer ${(await createApiToken(handle.db, b.userId, "ci")).token}` };
    const w = await createWorkerToken(handle.db, "w");
    worker = { token: w.token, id: w.row.id };
    saved = await Promise.all([saveTinyModel(71), saveTinyModel(72), saveTinyModel(73)]);
    pub = await submitAndEvaluate(handle.db, deps, worker, adaToken, saved[0], { name: "Ada Public", visibility: "public" }, RHOS);
  });
  afterAll(async () => {
    await handle?.close();
    if (deps) await rm(deps.dataDir, { recursive: true, force: true });
  });

  it("the owner edits display metadata; only changed fields are recorded, dated, and the board shows the new name", async () => {
    expect(await boardSlugs()).toEqual([`${pub.slug}:Ada Public:1`]);
    const res = await edit(pub.slug, adaToken, {
      name: "Ada Public (v2 weights link)",
      paper_url: "https://arxiv.org/abs/2211.04533",
      code_url: "https://github.com/ada/model",
      licence: null,
    });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    // licence was already empty: not a change.
    expect(body.changed).toEqual(["name", "paper_url", "code_url"]);
    expect(body.model).toMatchObject({
      slug: pub.slug,
      display_name: "Ada Public (v2 weights link)",
      paper_url: "https://arxiv.org/abs/2211.04533",
      code_url: "https://github.com/ada/model",
      weights_url: null,
    });
    expect(body.history).toEqual([
      {
        action: "edit",
        at: expect.any(String),
        by: "Ada",
        reason: null,
        changes: [
          { field: "name", from: "Ada Public", to: "Ada Public (v2 weights link)" },
          { field: "paper_url", from: null, to: "https://arxiv.org/abs/2211.04533" },
          { field: "code_url", from: null, to: "https://github.com/ada/model" },
        ],
      },
    ]);
    expect(Math.abs(Date.parse(body.history[0].at) - Date.now())).toBeLessThan(60_000);
    expect(await boardSlugs()).toEqual([`${pub.slug}:Ada Public (v2 weights link):1`]);
    // Everyone reads the history on the public model.
    const anon = await modelJson(pub.slug);
    expect(anon.body.history).toEqual(body.history);
    expect(anon.body.links).toBeUndefined();
    expect((await modelJson(pub.slug, adaToken)).body.links).toEqual({
      edit: `/api/v1/models/${pub.slug}`,
      withdraw: `/api/v1/models/${pub.slug}/withdraw`,
    });

    // The same values again: nothing changes, nothing is recorded.
    const same = await (await edit(pub.slug, ada, { name: "Ada Public (v2 weights link)" })).json();
    expect(same.changed).toEqual([]);
    expect(await handle.db.select().from(modelHistory).where(eq(modelHistory.action, "edit"))).toHaveLength(1);
  });

  it("refuses edits that are not the owner's, not editable or not valid, naming the field", async () => {
    expect((await edit(pub.slug, {}, { name: "x" })).status).toBe(401);
    const byBob = await edit(pub.slug, bobToken, { name: "Bob's now" });
    expect(byBob.status).toBe(403);
    expect((await byBob.json()).error.message).toBe(`Only the owner of '${pub.slug}' can edit it.`);
    // Admins moderate (hide, withdraw); they do not rewrite a submitter's description.
    expect((await edit(pub.slug, admin, { name: "Mod's now" })).status).toBe(403);
    // A session cookie from another site.
    expect((await edit(pub.slug, { ...ada, origin: "https://evil.example" }, { name: "x" })).status).toBe(403);

    const notEditable = await (await edit(pub.slug, adaToken, { preprocessing: "imagenet" })).json();
    expect(notEditable.error).toMatchObject({ code: "bad_request", details: { fields: [{ field: "preprocessing" }] } });
    expect(notEditable.error.message).toMatch(
      /'preprocessing' cannot be edited\. Editable: name, description, paper_url, code_url, weights_url, licence/,
    );
    const badUrl = await (await edit(pub.slug, adaToken, { paper_url: "javascript:alert(1)", name: "" })).json();
    expect(badUrl.error.details.fields).toEqual([
      { field: "name", message: "name is required" },
      { field: "paper_url", message: "paper_url must be an http(s) URL" },
    ]);
    expect((await (await edit(pub.slug, adaToken, {})).json()).error.message).toMatch(/^Nothing to change/);
    expect((await edit(pub.slug, adaToken, "[1,2]")).status).toBe(400);
    const huge = await edit(pub.slug, adaToken, { description: "x".repeat(MAX_ACTION_BODY_BYTES + 1) });
    expect(huge.status).toBe(413);
    expect((await modelJson(pub.slug)).body.model.display_name).toBe("Ada Public (v2 weights link)");
  });

  it("withdrawal takes the model off the board and new snapshots; its pages stay up, marked; cited snapshots do not change", async () => {
    const query = parseLeaderboardQuery(new URLSearchParams("benchmark=synthetic&include_demo=false")).query;
    const before = (await createSnapshot(handle.db, query, "user")).snapshot;
    // A queued evaluation of the model on another board (a re-run) is cancelled by the withdrawal.
    const [queued] = await handle.db
      .insert(jobs)
      .values({
        modelId: (await handle.db.select().from(models).where(eq(models.slug, pub.slug)))[0].id,
        benchmarkId: "synthetic",
        benchmarkVersion: 1,
        status: "queued",
      })
      .returning();

    expect((await withdraw(pub.slug, adaToken, {})).status).toBe(400);
    expect((await withdraw(pub.slug, bobToken, { reason: "mine now" })).status).toBe(403);
    const res = await withdraw(pub.slug, adaToken, { reason: "Superseded by a corrected export." });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.model).toMatchObject({
      visibility: "withdrawn",
      withdrawn: { at: expect.any(String), reason: "Superseded by a corrected export." },
    });
    expect(body.history[0]).toMatchObject({ action: "withdraw", by: "Ada", reason: "Superseded by a corrected export." });
    expect((await withdraw(pub.slug, adaToken, { reason: "again" })).status).toBe(409);

    expect(await boardSlugs()).toEqual([]);
    const [job] = await handle.db.select().from(jobs).where(eq(jobs.id, queued.id));
    expect(job).toMatchObject({ status: "cancelled", failureMessage: "Cancelled: the model was withdrawn." });

    // Public pages stay up for everyone, cacheable like any public page, and say why.
    const page = await modelJson(pub.slug);
    expect(page.status).toBe(200);
    expect(page.cache).not.toMatch(/private/);
    expect(page.body.private_notice).toBeUndefined();
    expect(page.body.model.withdrawn.reason).toBe("Superseded by a corrected export.");
    expect(page.body.rank_by_benchmark).toEqual({});
    const result = await handleResult(
      handle.db,
      new Request(`${TEST_SITE}/api/v1/results/${pub.resultId}`),
      String(pub.resultId),
      ctx.auth,
    );
    expect(result.status).toBe(200);
    expect((await result.json()).result).toMatchObject({
      visibility: "withdrawn",
      rank: null,
      withdrawn: { reason: "Superseded by a corrected export." },
    });

    // The snapshot taken before still holds the model; a new one of the same view does not.
    const cited = await getSnapshotOrThrow(handle.db, before.id);
    expect(cited.summary.hash).toBe(before.hash);
    expect(cited.content.rows.map((r) => r.slug)).toEqual([pub.slug]);
    expect(cited.json).toContain("Ada Public (v2 weights link)");
    const after = (await createSnapshot(handle.db, query, "user")).snapshot;
    expect(after.id).not.toBe(before.id);
    expect((await getSnapshotOrThrow(handle.db, after.id)).content.rows).toEqual([]);
  });

  it("whoever withdrew it (or an admin) reinstates it, back on the board with its rank; an admin's withdrawal binds the owner", async () => {
    expect((await reinstate(pub.slug, bobToken)).status).toBe(403);
    const back = await reinstate(pub.slug, adaToken);
    expect(back.status, await back.clone().text()).toBe(200);
    expect((await back.json()).history.map((h: { action: string }) => h.action)).toEqual(["reinstate", "withdraw", "edit"]);
    expect(await boardSlugs()).toEqual([`${pub.slug}:Ada Public (v2 weights link):1`]);
    expect((await reinstate(pub.slug, adaToken)).status).toBe(409);

    const byAdmin = await withdraw(pub.slug, admin, { reason: "Weights licence withdrawn by the rights holder." });
    expect(byAdmin.status).toBe(200);
    expect((await byAdmin.json()).history[0]).toMatchObject({ action: "withdraw", by: "an admin" });
    const owners = await reinstate(pub.slug, adaToken);
    expect(owners.status).toBe(403);
    expect((await owners.json()).error.message).toMatch(/withdrawn by an admin; only an admin/);
    expect((await reinstate(pub.slug, admin)).status).toBe(200);
    expect(await boardSlugs()).toHaveLength(1);
  });

  it("a private model is deleted with its evaluations and files; its attempts stay counted; public models are withdrawn instead", async () => {
    const priv = await submitAndEvaluate(handle.db, deps, worker, adaToken, saved[1], { name: "Ada Private", visibility: "private" }, RHOS);
    const [row] = await handle.db.select().from(models).where(eq(models.slug, priv.slug));
    expect(fs.existsSync(row.artifactPath!)).toBe(true);
    // A later private model, published after the first existed: its disclosure count includes the first.
    const later = await submitAndEvaluate(handle.db, deps, worker, adaToken, saved[2], { name: "Ada Later", visibility: "private" }, RHOS);
    expect(
      (await handlePublishResult(ctx, send("POST", `/api/v1/results/${later.resultId}/publish`, adaToken, {}), String(later.resultId)))
        .status,
    ).toBe(200);
    const disclosed = async () =>
      (
        await (
          await handleResult(handle.db, new Request(`${TEST_SITE}/api/v1/results/${later.resultId}`), String(later.resultId), ctx.auth)
        ).json()
      ).result.private_attempts_before;
    expect(await disclosed()).toBe(1);

    expect((await del(priv.slug, {})).status).toBe(401);
    expect((await del(priv.slug, bobToken)).status).toBe(404);
    const publicOne = await del(pub.slug, adaToken);
    expect(publicOne.status).toBe(409);
    expect((await publicOne.json()).error.message).toMatch(/public models cannot be deleted.*Withdraw it instead/);

    const res = await del(priv.slug, adaToken);
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toEqual({ deleted: { model: priv.slug, jobs: expect.any(Number), results: 1, files_removed: true } });
    expect(body.deleted.jobs).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(row.artifactPath!)).toBe(false);
    expect(await handle.db.select().from(models).where(eq(models.id, row.id))).toEqual([]);
    expect(await handle.db.select().from(evaluations).where(eq(evaluations.modelId, row.id))).toEqual([]);
    expect(await handle.db.select().from(jobs).where(eq(jobs.modelId, row.id))).toEqual([]);
    expect((await modelJson(priv.slug, adaToken)).status).toBe(404);
    // The published result still says one private attempt came before it.
    expect(await disclosed()).toBe(1);
    // The other models' files are untouched.
    const rest = await handle.db.select().from(models);
    for (const m of rest) expect(fs.existsSync(m.artifactPath!), m.slug).toBe(true);
  });

  it("files shared with another of the owner's models (same weights, other preprocessing) stay", async () => {
    const first = await submitAndEvaluate(handle.db, deps, worker, bobToken, saved[1], { name: "Bob unit", visibility: "private" }, RHOS);
    const second = await submitAndEvaluate(
      handle.db,
      deps,
      worker,
      bobToken,
      saved[1],
      { name: "Bob imagenet", visibility: "private", preprocessing: "torchvision-imagenet" },
      RHOS,
    );
    const [a] = await handle.db.select().from(models).where(eq(models.slug, first.slug));
    const [b] = await handle.db.select().from(models).where(eq(models.slug, second.slug));
    expect(a.artifactPath).toBe(b.artifactPath);
    const body = await (await del(first.slug, bob)).json();
    expect(body.deleted).toMatchObject({ model: first.slug, files_removed: false });
    expect(fs.existsSync(b.artifactPath!)).toBe(true);
    expect((await del(second.slug, bob)).status).toBe(200);
    expect(fs.existsSync(b.artifactPath!)).toBe(false);
  });
});
