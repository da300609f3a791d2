import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { apiTokens, jobs, models } from "@/db/schema";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { BENCHMARKS } from "@/lib/benchmarks";
import { createTestAuth, signUpForTest, TEST_SITE } from "@/lib/auth/testing";
import type { RequestContext } from "@/lib/auth";
import { createApiToken } from "@/lib/queries/api-tokens";
import { setUserRole } from "@/lib/queries/users";
import { listArtifactFiles } from "@/lib/uploads/artifact-files";
import { buildZip } from "@/lib/uploads/fixtures/zip-writer";
import { handleCreateSubmission, type SubmissionDeps } from "./submissions";
import { handleAdminJob, handleAdminModel } from "./submissions-admin";
import { handleCancelJob, handleGetJob } from "./submissions-jobs";
import { saveTinyModel, type SavedModel } from "./testing/submissions-test-model";
import { SlidingWindowLimiter } from "@/lib/auth/rate-limit";

const META = {
  name: "Tiny Net",
  family: "CNN",
  training_data: "none (test)",
  trained_on_human_maps: "no",
  preprocessing: "torchvision-imagenet",
  num_classes: "10",
};

function form(model: SavedModel | null, fields: Record<string, string>, zip = false): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (model && zip) {
    const data = buildZip([
      { name: "model.json", data: Buffer.from(model.modelJson) },
      { name: model.shardName, data: model.weights },
    ]);
    fd.append("files", new Blob([new Uint8Array(data)]), "model.zip");
  } else if (model) {
    fd.append("files", new Blob([model.modelJson], { type: "application/json" }), "model.json");
    fd.append("files", new Blob([new Uint8Array(model.weights)]), model.shardName);
  }
  return fd;
}

const req = (url: string, init: { headers?: Record<string, string>; body?: FormData | string; method?: string }) =>
  new Request(`${TEST_SITE}${url}`, { method: init.method ?? "POST", headers: init.headers, body: init.body });

describe.each(testDatabaseKinds())("submissions on %s", (kind) => {
  let handle: DatabaseHandle;
  let deps: SubmissionDeps;
  let ctx: RequestContext;
  let ada: { cookie: string; userId: string };
  let bob: { cookie: string; userId: string };
  let modelA: SavedModel;
  let modelB: SavedModel;
  let modelC: SavedModel;
  const asAda = () => ({ cookie: ada.cookie, origin: TEST_SITE });
  const asBob = () => ({ cookie: bob.cookie, origin: TEST_SITE });
  const submit = (headers: Record<string, string>, body: FormData, over: Partial<SubmissionDeps> = {}) =>
    handleCreateSubmission({ ...deps, ...over }, req("/api/v1/submissions", { headers, body }));

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    const auth = createTestAuth(handle.db);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "submissions-"));
    ctx = { db: handle.db, auth, siteOrigin: TEST_SITE };
    deps = {
      ...ctx,
      dataDir,
      maxUploadBytes: 8 * 1024 * 1024,
      submissionsPerDay: 5,
      rejectedUploads: new SlidingWindowLimiter(1000, 3600_000),
    };
    ada = await signUpForTest(auth, "ada@example.org", "Ada");
    bob = await signUpForTest(auth, "bob@example.org", "Bob");
    [modelA, modelB, modelC] = await Promise.all([saveTinyModel(1), saveTinyModel(2), saveTinyModel(3)]);
  });
  afterAll(async () => {
    await handle.close();
    await rm(deps.dataDir, { recursive: true, force: true });
  });

  let tinySlug = "";
  let tinyJobId = 0;
  let privateSlug = "";

  it("accepts a real model: 201 with slug and job ids, files stored content-addressed, rows present, temp files gone", async () => {
    const res = await submit(asAda(), form(modelA, META));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.model).toMatchObject({ slug: "tiny-net", format: "layers", num_classes: 10, status_url: "/submissions/tiny-net" });
    // conv 3·3·3·2 + 2, dense 2·10 + 10
    expect(body.model.param_count).toBe(54 + 2 + 20 + 10);
    // One job per current benchmark whose label space is exactly 10 classes (not ClickMe's 1000, not shortcut's 4).
    const fitting = BENCHMARKS.filter((b) => b.numClasses === 10).map((b) => b.id);
    expect(fitting).toEqual(["synthetic"]);
    expect(body.jobs.map((j: { benchmark: { id: string } }) => j.benchmark.id).sort()).toEqual([...fitting].sort());
    tinySlug = body.model.slug;
    tinyJobId = body.jobs[0].id;
    const [row] = await handle.db.select().from(models).where(eq(models.slug, tinySlug));
    expect(row).toMatchObject({ ownerUserId: ada.userId, ownerName: "Ada", trainedOnHumanMaps: false, visibility: "public" });
    expect(row.preprocessing).toEqual({ scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] });
    expect((await readdir(row.artifactPath!)).sort()).toEqual([".files.json", "group1-shard1of1.bin", "model.json"]);
    // The listing workers are handed was computed once, when the files were stored.
    expect(JSON.parse(await readFile(path.join(row.artifactPath!, ".files.json"), "utf8"))).toEqual(
      await listArtifactFiles(row.artifactPath!),
    );
    expect(path.basename(row.artifactPath!)).toMatch(/^[0-9a-f]{64}$/);
    expect(await handle.db.select().from(jobs).where(eq(jobs.modelId, row.id))).toHaveLength(fitting.length);
    expect(await readdir(path.join(deps.dataDir, "tmp"))).toEqual([]);
  });

  it("refuses identical weights with 409 naming the existing model, storing nothing new", async () => {
    const before = await readdir(path.join(deps.dataDir, "models"));
    const res = await submit(asBob(), form(modelA, { ...META, name: "Copy" }, true));
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toContain("Tiny Net");
    expect(await readdir(path.join(deps.dataDir, "models"))).toEqual(before);
    expect(await readdir(path.join(deps.dataDir, "tmp"))).toEqual([]);
  });

  it("refuses bad metadata with 400 naming the field", async () => {
    const { family: _f, ...noFamily } = META;
    const res = await submit(asAda(), form(modelB, noFamily));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.message).toMatch(/^family is required/);
    const custom = await submit(asAda(), form(modelB, { ...META, preprocessing: "custom", scale: "1/255", mean: "0.5,0.5", std: "1,1,1" }));
    expect((await custom.json()).error).toMatchObject({ code: "bad_request", details: { fields: [{ field: "mean" }] } });
    expect(await readdir(path.join(deps.dataDir, "tmp"))).toEqual([]);
  });

  it("refuses an invalid model with 422 and an upload over the cap with 413", async () => {
    const broken = { ...modelB, weights: modelB.weights.subarray(0, 100) };
    expect((await submit(asAda(), form(broken, META))).status).toBe(422);
    expect((await submit(asAda(), form(modelB, META), { maxUploadBytes: 1000 })).status).toBe(413);
    expect(await readdir(path.join(deps.dataDir, "tmp"))).toEqual([]);
  });

  it("refuses unauthenticated (401) and cross-site cookie (403) submissions", async () => {
    expect((await submit({}, form(modelB, META))).status).toBe(401);
    expect((await submit({ cookie: ada.cookie, origin: "https://evil.example" }, form(modelB, META))).status).toBe(403);
    expect((await submit({ authorization: "Bearer hlp_forged" }, form(modelB, META))).status).toBe(401);
  });

  it("accepts a personal API token (zip upload), private, as a new version of the user's model", async () => {
    const { token } = await createApiToken(handle.db, ada.userId, "ci");
    const res = await submit(
      { authorization: `Bearer ${token}` },
      form(modelB, { ...META, name: "Tiny Net", visibility: "private", previous_version: tinySlug }, true),
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    // A private model's slug carries a random suffix (it must not hold a plain name another account would find taken).
    expect(body.model).toMatchObject({
      slug: expect.stringMatching(/^tiny-net-[0-9a-f]{8}$/),
      visibility: "private",
      previous_version: tinySlug,
    });
    privateSlug = body.model.slug;
    const [row] = await handle.db.select().from(models).where(eq(models.slug, privateSlug));
    const [prev] = await handle.db.select().from(models).where(eq(models.slug, tinySlug));
    expect(row.previousVersionId).toBe(prev.id);
    const stored = await handle.db.select().from(apiTokens).where(eq(apiTokens.userId, ada.userId));
    expect(stored[0].tokenHash).not.toBe(token);
    expect(stored[0].lastUsedAt).not.toBeNull();
  });

  it("keeps a private model's jobs from other users (404) and lets only the owner cancel", async () => {
    const [priv] = await handle.db.select().from(models).where(eq(models.slug, privateSlug));
    const [job] = await handle.db.select().from(jobs).where(eq(jobs.modelId, priv.id)).orderBy(jobs.id);
    const ahead = (await handle.db.select().from(jobs)).filter((j) => j.status === "queued" && j.id <= job.id).length;
    const get = (headers: Record<string, string>) =>
      handleGetJob(ctx, req(`/api/v1/jobs/${job.id}`, { method: "GET", headers }), String(job.id));
    expect((await get({})).status).toBe(404);
    expect((await get({ cookie: bob.cookie })).status).toBe(404);
    const mine = await get({ cookie: ada.cookie });
    expect(mine.status).toBe(200);
    expect((await mine.json()).job).toMatchObject({ status: "queued", queue_position: ahead, model_slug: privateSlug });

    const cancel = (headers: Record<string, string>, id = job.id) =>
      handleCancelJob(ctx, req(`/api/v1/jobs/${id}/cancel`, { headers }), String(id));
    expect((await cancel({})).status).toBe(401);
    expect((await cancel(asBob())).status).toBe(404);
    expect((await cancel(asBob(), tinyJobId)).status).toBe(403); // public model: visible, but not Bob's
    expect((await cancel({ cookie: ada.cookie, origin: "https://evil.example" })).status).toBe(403);
    const ok = await cancel(asAda());
    expect(ok.status).toBe(200);
    expect((await ok.json()).job.status).toBe("cancelled");
    // Another resubmission against someone else's model is refused without revealing it.
    const stolen = await submit(asBob(), form(modelC, { ...META, name: "Bob Net", previous_version: privateSlug }));
    expect(stolen.status).toBe(404);
  });

  it("limits submissions per user per 24 hours with 429 and Retry-After", async () => {
    const res = await submit(asAda(), form(modelC, { ...META, name: "Third" }), { submissionsPerDay: 2 });
    expect(res.status).toBe(429);
    const body = await res.json();
    expect(body.error.message).toContain("the limit is 2");
    // The oldest of the two submissions made during this test frees a slot in (almost exactly) 24 hours.
    const retry = Number(res.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(24 * 3600 - 600);
    expect(retry).toBeLessThanOrEqual(24 * 3600);
    expect(Date.parse(body.error.details.retryAfter)).toBeGreaterThan(Date.now());
    expect((await submit(asBob(), form(modelC, { ...META, name: "Bob Net" }), { submissionsPerDay: 2 })).status).toBe(201);
  });

  it("lets only admins moderate and manage jobs", async () => {
    const model = (headers: Record<string, string>, body: string) =>
      handleAdminModel(
        ctx,
        req(`/api/v1/admin/models/${tinySlug}`, { headers: { ...headers, "content-type": "application/json" }, body }),
        tinySlug,
      );
    const job = (headers: Record<string, string>, body: string) =>
      handleAdminJob(
        ctx,
        req(`/api/v1/admin/jobs/${tinyJobId}`, { headers: { ...headers, "content-type": "application/x-www-form-urlencoded" }, body }),
        String(tinyJobId),
      );
    expect((await model({}, '{"action":"hide"}')).status).toBe(401);
    expect((await model(asBob(), '{"action":"hide"}')).status).toBe(403);
    expect((await job(asBob(), "action=cancel")).status).toBe(403);
    await setUserRole(handle.db, "bob@example.org", "admin");
    expect((await model({ cookie: bob.cookie, origin: "https://evil.example" }, '{"action":"hide"}')).status).toBe(403);
    const hidden = await model(asBob(), '{"action":"hide"}');
    expect(await hidden.json()).toEqual({ model: { slug: tinySlug, visibility: "hidden", flag_reason: null } });
    expect((await model(asBob(), '{"action":"flag"}')).status).toBe(400);
    expect((await (await model(asBob(), '{"action":"flag","reason":"Trained on the test split"}')).json()).model.flag_reason).toBe(
      "Trained on the test split",
    );
    expect((await model(asBob(), '{"action":"unhide"}')).status).toBe(200);
    const cancelled = await job(asBob(), "action=cancel");
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get("location")).toBe(`${TEST_SITE}/admin`);
    expect((await job(asBob(), "action=requeue")).status).toBe(303);
    const [row] = await handle.db.select().from(jobs).where(eq(jobs.id, tinyJobId));
    expect(row).toMatchObject({ status: "queued", reason: "requeue" });
  });
});
