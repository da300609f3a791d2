import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { models } from "@/db/schema";
import { openTestDatabase } from "@/db/testing";
import { SlidingWindowLimiter } from "@/lib/auth/rate-limit";
import { createTestAuth, signUpForTest, TEST_SITE } from "@/lib/auth/testing";
import { createApiToken } from "@/lib/queries/api-tokens";
import type { SubmissionDeps } from "./submissions";
import { REJECTION_WINDOW_MS } from "./submission-rejections";
import { saveTinyModel, type SavedModel } from "./testing/submissions-test-model";
import { serveSubmissions } from "./testing/submissions-server";

const META = {
  name: "Tiny Net",
  family: "CNN",
  training_data: "none (test)",
  trained_on_human_maps: "no",
  preprocessing: "torchvision-imagenet",
  num_classes: "10",
};
const LIMIT = 3;

function form(model: SavedModel, fields: Record<string, string> = META): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append("files", new Blob([model.modelJson], { type: "application/json" }), "model.json");
  fd.append("files", new Blob([new Uint8Array(model.weights)]), model.shardName);
  return fd;
}

describe("refused uploads are rate-limited per user and per address, over HTTP", () => {
  let handle: DatabaseHandle;
  let deps: SubmissionDeps;
  let server: { url: string; stop: () => Promise<void> };
  let ada: string;
  let bob: { cookie: string };
  let good: SavedModel;
  let broken: SavedModel;
  const post = (headers: Record<string, string>, body: FormData) => fetch(server.url, { method: "POST", headers, body });

  beforeAll(async () => {
    handle = await openTestDatabase("pglite");
    const auth = createTestAuth(handle.db);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "submissions-rejections-"));
    deps = {
      db: handle.db,
      auth,
      siteOrigin: TEST_SITE,
      dataDir,
      maxUploadBytes: 8 << 20,
      submissionsPerDay: 50,
      rejectedUploads: new SlidingWindowLimiter(LIMIT, REJECTION_WINDOW_MS),
    };
    server = await serveSubmissions(() => deps);
    const a = await signUpForTest(auth, "ada@example.org", "Ada");
    ada = (await createApiToken(handle.db, a.userId, "ci")).token;
    bob = await signUpForTest(auth, "bob@example.org", "Bob");
    good = await saveTinyModel(1);
    const b = await saveTinyModel(2);
    broken = { ...b, weights: b.weights.subarray(0, 100) };
  });
  afterAll(async () => {
    await server?.stop();
    await handle?.close();
    if (deps) await rm(deps.dataDir, { recursive: true, force: true });
  });

  it(`after ${LIMIT} refused uploads a token's user gets 429 with Retry-After, even for a valid model; others are unaffected`, async () => {
    for (let i = 0; i < LIMIT; i++) expect((await post({ authorization: `Bearer ${ada}` }, form(broken))).status).toBe(422);
    const limited = await post({ authorization: `Bearer ${ada}` }, form(good));
    expect(limited.status).toBe(429);
    const retry = Number(limited.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(3600 - 60);
    expect(retry).toBeLessThanOrEqual(3600);
    expect((await limited.json()).error).toMatchObject({
      code: "rate_limited",
      message: `Too many refused uploads for this account in the last hour; try again in ${retry} s.`,
    });
    expect(await handle.db.select().from(models)).toHaveLength(0);
    // Bob (a session from the site's own page) is counted on his own.
    expect((await post({ cookie: bob.cookie, origin: TEST_SITE }, form(good))).status).toBe(201);
    expect(await readdir(path.join(deps.dataDir, "tmp"))).toEqual([]);
  });

  it(`after ${LIMIT} unauthenticated attempts the address gets 429; a signed-in user from it is still served`, async () => {
    for (let i = 0; i < LIMIT; i++) expect((await post({ authorization: "Bearer hlp_forged" }, form(broken))).status).toBe(401);
    const limited = await post({}, form(good));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(3600 - 60);
    expect((await limited.json()).error.message).toMatch(
      /^Too many refused uploads from this address in the last hour; try again in \d+ s\.$/,
    );
    expect((await post({ cookie: bob.cookie, origin: TEST_SITE }, form(broken))).status).toBe(422);
  });
});
