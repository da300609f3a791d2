/**
 * Duplicate weights without leaks (issue #12 item 4), through POST /api/v1/submissions's handler with real sessions:
 * a duplicate is the same weights and preprocessing among the caller's own models and the public ones; another
 * account's private model is never a duplicate, never named, never a parent and never "same weights as".
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { jobs, models } from "@/db/schema";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { createTestAuth, signUpForTest, TEST_SITE } from "@/lib/auth/testing";
import { SlidingWindowLimiter } from "@/lib/auth/rate-limit";
import { registerModel, type SubmissionMetadata } from "@/lib/submissions/register";
import { handleModel } from "./read-handlers";
import { handleCreateSubmission, type SubmissionDeps } from "./submissions";
import { saveTinyModel, type SavedModel } from "./testing/submissions-test-model";

const META = {
  family: "CNN",
  training_data: "none (test)",
  trained_on_human_maps: "no",
  preprocessing: "torchvision-imagenet",
  num_classes: "10",
};

function form(model: SavedModel, fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries({ ...META, ...fields })) fd.append(k, v);
  fd.append("files", new Blob([model.modelJson], { type: "application/json" }), "model.json");
  fd.append("files", new Blob([new Uint8Array(model.weights)]), model.shardName);
  return fd;
}

describe.each(testDatabaseKinds())("duplicate weights on %s", (kind) => {
  let handle: DatabaseHandle;
  let deps: SubmissionDeps;
  let ada: { cookie: string; userId: string };
  let bob: { cookie: string; userId: string };
  let carol: { cookie: string; userId: string };
  let weights: SavedModel;
  let other: SavedModel;
  let secret: { slug: string; id: number };

  const submit = async (who: { cookie: string }, fields: Record<string, string>, model = weights) => {
    const res = await handleCreateSubmission(
      deps,
      new Request(`${TEST_SITE}/api/v1/submissions`, {
        method: "POST",
        headers: { cookie: who.cookie, origin: TEST_SITE },
        body: form(model, fields),
      }),
    );
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) };
  };
  /** Nothing of Ada's private model: its slug, name, owner name or account id (responses carry no model row ids). */
  const expectNoTraceOfSecret = (text: string) => {
    for (const trace of [secret.slug, "Secret Net", "secret-net", "Ada", ada.userId]) expect(text).not.toContain(trace);
  };

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    const auth = createTestAuth(handle.db);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "submissions-dupes-"));
    deps = {
      db: handle.db,
      auth,
      siteOrigin: TEST_SITE,
      dataDir,
      maxUploadBytes: 8 * 1024 * 1024,
      submissionsPerDay: 50,
      rejectedUploads: new SlidingWindowLimiter(1000, 3600_000),
    };
    ada = await signUpForTest(auth, "ada@example.org", "Ada");
    bob = await signUpForTest(auth, "bob@example.org", "Bob");
    carol = await signUpForTest(auth, "carol@example.org", "Carol");
    [weights, other] = await Promise.all([saveTinyModel(41), saveTinyModel(42)]);
  });
  afterAll(async () => {
    await handle?.close();
    if (deps) await rm(deps.dataDir, { recursive: true, force: true });
  });

  it("a private model gets a slug with a random suffix, so it never holds a plain name", async () => {
    const res = await submit(ada, { name: "Secret Net", visibility: "private" });
    expect(res.status, res.text).toBe(201);
    expect(res.body.model.slug).toMatch(/^secret-net-[0-9a-f]{8}$/);
    const [row] = await handle.db.select().from(models).where(eq(models.slug, res.body.model.slug));
    secret = { slug: row.slug, id: row.id };
    expect(row).toMatchObject({ ownerUserId: ada.userId, visibility: "private" });
  });

  it("another user's upload of the same weights is a normal submission of their own, with no trace of the private model", async () => {
    const res = await submit(bob, { name: "Bob Net" });
    expect(res.status, res.text).toBe(201);
    expect(res.body.model).toMatchObject({ slug: "bob-net", visibility: "public", weights_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expectNoTraceOfSecret(res.text);
    const [row] = await handle.db.select().from(models).where(eq(models.slug, "bob-net"));
    expect(row.ownerUserId).toBe(bob.userId);
    // Both rows hold the same weights: the second is not a silent alias of the first.
    const [first] = await handle.db.select().from(models).where(eq(models.id, secret.id));
    expect(row.weightsHash).toBe(first.weightsHash);
    expect(row.id).not.toBe(first.id);
    const bobJobs = await handle.db.select().from(jobs).where(eq(jobs.modelId, row.id));
    expect(bobJobs.map((j) => j.id).sort()).toEqual(res.body.jobs.map((j: { id: number }) => j.id).sort());
  });

  it("the same name as the private model takes the plain slug: no '-2' reveals it", async () => {
    const res = await submit(carol, { name: "Secret Net" }, other);
    expect(res.status, res.text).toBe(201);
    expect(res.body.model.slug).toBe("secret-net");
  });

  it("a duplicate of a public model is a 409 naming it, never the private one", async () => {
    const res = await submit(carol, { name: "Carol Copy" });
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({
      code: "conflict",
      message: "These weights are already on the leaderboard as 'Bob Net' (/models/bob-net).",
      details: { existing: "bob-net", url: "/models/bob-net", own: false },
    });
    expectNoTraceOfSecret(res.text);
  });

  it("your own duplicate names your own model (before any public one), private or public", async () => {
    const bobs = await submit(bob, { name: "Bob Net again" });
    expect(bobs.status).toBe(409);
    expect(bobs.body.error.details).toEqual({ existing: "bob-net", url: "/submissions/bob-net", own: true });
    expect(bobs.body.error.message).toMatch(
      /^You already submitted these weights with this preprocessing as 'Bob Net' \(\/submissions\/bob-net\)\. Re-queue/,
    );
    const adas = await submit(ada, { name: "Secret Net again", visibility: "private" });
    expect(adas.status).toBe(409);
    expect(adas.body.error.details).toEqual({ existing: secret.slug, url: `/submissions/${secret.slug}`, own: true });
  });

  it("the same weights under another preprocessing are a new evaluation: accepted, and linked as a new version when asked", async () => {
    const res = await submit(ada, {
      name: "Secret Net",
      visibility: "private",
      preprocessing: "unit-range",
      previous_version: secret.slug,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.model).toMatchObject({ visibility: "private", previous_version: secret.slug });
    const [row] = await handle.db.select().from(models).where(eq(models.slug, res.body.model.slug));
    expect(row).toMatchObject({ previousVersionId: secret.id, preprocessing: { scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] } });
  });

  it("another account's private model is no parent: the same 400 as a slug nobody has", async () => {
    const third = await saveTinyModel(43);
    const secretParent = await submit(carol, { name: "Child", fine_tuned_from: secret.slug }, third);
    const noParent = await submit(carol, { name: "Child", fine_tuned_from: "no-such-model" }, third);
    expect(secretParent.status).toBe(400);
    expect(noParent.status).toBe(400);
    expect(secretParent.body.error.message.replace(secret.slug, "SLUG")).toBe(noParent.body.error.message.replace("no-such-model", "SLUG"));
    // The owner may name their own private model as the parent.
    const own = await submit(ada, { name: "Secret Child", visibility: "private", fine_tuned_from: secret.slug }, third);
    expect(own.status, own.text).toBe(201);
  });

  it("lineage records 'same weights as' only against public models", async () => {
    const keras = await submit(carol, { name: "Carol Keras", preprocessing: "keras-tf" });
    expect(keras.status, keras.text).toBe(201);
    const res = await handleModel(handle.db, "bob-net");
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(JSON.parse(text).same_weights_as).toEqual([{ slug: "carol-keras", display_name: "Carol Keras", is_demo: false }]);
    expectNoTraceOfSecret(text);
  });

  it("an ownerless registration (the demo models at startup) is checked against public models only", async () => {
    const dir = path.join(deps.dataDir, "ownerless");
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "model.json"), weights.modelJson);
    await writeFile(path.join(dir, weights.shardName), weights.weights);
    const metadata: SubmissionMetadata = {
      displayName: "Ownerless",
      description: "",
      family: "CNN",
      trainingData: "none",
      trainedOnHumanMaps: false,
      fineTunedFrom: null,
      paperUrl: null,
      licence: null,
      preprocessing: { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
      logitsNode: null,
      numClasses: 10,
      visibility: "public",
      ownerName: "demo",
      ownerUserId: null,
    };
    // Bob's public model has these weights and this preprocessing: a 409 naming it, never Ada's private one.
    await expect(registerModel(handle.db, { dir, metadata, artifactRoot: deps.dataDir })).rejects.toMatchObject({
      code: "conflict",
      details: { existing: "bob-net", own: false },
    });
    // Under the identity preprocessing nothing public matches: registered.
    const { model } = await registerModel(handle.db, {
      dir,
      metadata: { ...metadata, preprocessing: { scale: 1, mean: [0, 0, 0], std: [1, 1, 1] } },
      artifactRoot: deps.dataDir,
    });
    expect(model).toMatchObject({ slug: "ownerless", ownerUserId: null });
  });
});
