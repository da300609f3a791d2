import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { jobs, models } from "@/db/schema";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { createTestAuth, signUpForTest, TEST_SITE } from "@/lib/auth/testing";
import { createApiToken } from "@/lib/queries/api-tokens";
import type { SubmissionDeps } from "./submissions";
import { saveTinyModel, type SavedModel } from "./testing/submissions-test-model";
import { serveSubmissions } from "./testing/submissions-server";
import { SlidingWindowLimiter } from "@/lib/auth/rate-limit";

const META = {
  name: "Race Net",
  family: "CNN",
  training_data: "none (test)",
  trained_on_human_maps: "no",
  preprocessing: "torchvision-imagenet",
  num_classes: "10",
};
const N = 5;

function form(model: SavedModel, fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append("files", new Blob([model.modelJson], { type: "application/json" }), "model.json");
  fd.append("files", new Blob([new Uint8Array(model.weights)]), model.shardName);
  return fd;
}

describe.each(testDatabaseKinds())("concurrent submissions over HTTP on %s", (kind) => {
  let handle: DatabaseHandle;
  let deps: SubmissionDeps;
  let server: { url: string; stop: () => Promise<void> };
  let tokens: string[] = [];
  let models5: SavedModel[] = [];

  const post = (token: string, body: FormData) =>
    fetch(server.url, { method: "POST", headers: { authorization: `Bearer ${token}` }, body });
  const storedDirs = async () => (await readdir(path.join(deps.dataDir, "models")).catch(() => [])).sort();
  const tmpLeft = async () => readdir(path.join(deps.dataDir, "tmp")).catch(() => []);

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    const auth = createTestAuth(handle.db);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "submissions-race-"));
    deps = {
      db: handle.db,
      auth,
      siteOrigin: TEST_SITE,
      dataDir,
      maxUploadBytes: 8 * 1024 * 1024,
      submissionsPerDay: 50,
      rejectedUploads: new SlidingWindowLimiter(1000, 3600_000),
    };
    server = await serveSubmissions(() => deps);
    tokens = [];
    for (let i = 0; i < N; i++) {
      const user = await signUpForTest(auth, `racer${i}@example.org`, `Racer ${i}`);
      tokens.push((await createApiToken(handle.db, user.userId, "ci")).token);
    }
    models5 = await Promise.all(Array.from({ length: N + 1 }, (_, i) => saveTinyModel(100 + i)));
  });
  afterAll(async () => {
    await server?.stop();
    await handle?.close();
    if (deps) await rm(deps.dataDir, { recursive: true, force: true });
  });

  it(`${N} users sending the same weights at once: one 201, ${N - 1} 409s naming it, no 500, one stored copy`, async () => {
    const responses = await Promise.all(tokens.map((t, i) => post(t, form(models5[0], { ...META, name: `Same weights ${i}` }))));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses, JSON.stringify(bodies)).toEqual([201, ...Array(N - 1).fill(409)]);
    const winner = bodies.find((b) => b.model)!;
    for (const b of bodies.filter((b) => b.error)) {
      expect(b.error).toMatchObject({ code: "conflict", details: { existing: winner.model.slug } });
      expect(b.error.message).toMatch(
        /^These weights are already on the leaderboard as 'Same weights \d' \(\/models\/same-weights-\d\)\.$/,
      );
    }
    const rows = await handle.db.select().from(models);
    expect(rows).toHaveLength(1);
    expect(await storedDirs()).toEqual([path.basename(rows[0].artifactPath!)]);
    expect(await tmpLeft()).toEqual([]);
  });

  it(`${N} users sending different weights under one name at once: ${N} 201s with distinct slugs`, async () => {
    const responses = await Promise.all(tokens.map((t, i) => post(t, form(models5[i + 1], { ...META, name: "Same Name" }))));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(
      responses.map((r) => r.status),
      JSON.stringify(bodies),
    ).toEqual(Array(N).fill(201));
    expect(bodies.map((b) => b.model.slug).sort()).toEqual(["same-name", "same-name-2", "same-name-3", "same-name-4", "same-name-5"]);
    const rows = await handle.db.select().from(models);
    expect(await storedDirs()).toEqual(rows.map((r) => path.basename(r.artifactPath!)).sort());
    expect(await tmpLeft()).toEqual([]);
  });

  it(`${N} users sending the same weights privately at once: ${N} 201s, each their own model, one stored copy`, async () => {
    const fresh = await saveTinyModel(300);
    const responses = await Promise.all(
      tokens.map((t, i) => post(t, form(fresh, { ...META, name: `Private twin ${i}`, visibility: "private" }))),
    );
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(
      responses.map((r) => r.status),
      JSON.stringify(bodies),
    ).toEqual(Array(N).fill(201));
    const rows = (await handle.db.select().from(models)).filter((r) => r.displayName.startsWith("Private twin"));
    expect(rows).toHaveLength(N);
    expect(new Set(rows.map((r) => r.ownerUserId)).size).toBe(N);
    expect(new Set(rows.map((r) => r.artifactPath)).size).toBe(1);
    // Each answer names only its own model.
    bodies.forEach((b, i) => expect(JSON.stringify(b)).not.toMatch(new RegExp(`Private twin [^${i}]`)));
    expect(await tmpLeft()).toEqual([]);
  });

  it("a failure after the files are stored (the job insert fails) answers 500 and removes them, leaving no row", async () => {
    const before = await storedDirs();
    const modelsBefore = (await handle.db.select().from(models)).length;
    const fresh = await saveTinyModel(200);
    await handle.db.execute(
      sql.raw(`create function refuse_jobs() returns trigger language plpgsql as $$ begin raise exception 'no jobs today'; end $$`),
    );
    await handle.db.execute(sql.raw(`create trigger refuse_jobs before insert on jobs for each row execute function refuse_jobs()`));
    try {
      const res = await post(tokens[0], form(fresh, { ...META, name: "Doomed" }));
      expect(res.status).toBe(500);
      expect((await res.json()).error).toEqual({ code: "internal", message: "Internal error" });
    } finally {
      await handle.db.execute(sql.raw(`drop trigger refuse_jobs on jobs`));
      await handle.db.execute(sql.raw(`drop function refuse_jobs()`));
    }
    expect(await handle.db.select().from(models)).toHaveLength(modelsBefore);
    expect((await handle.db.select().from(jobs)).length).toBeGreaterThan(0);
    expect(await storedDirs()).toEqual(before);
    expect(await tmpLeft()).toEqual([]);
    // The same model goes through once the database accepts jobs again: nothing half-stored blocks it.
    expect((await post(tokens[0], form(fresh, { ...META, name: "Doomed" }))).status).toBe(201);
  });
});
