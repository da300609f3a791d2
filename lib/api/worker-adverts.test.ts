import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { jobs, models, workerBenchmarkSightings } from "@/db/schema";
import { createTestAuth, TEST_SITE } from "@/lib/auth/testing";
import type { RequestContext } from "@/lib/auth";
import { enqueueEvaluation } from "@/lib/queries/jobs";
import { createWorkerToken } from "@/lib/queries/worker-tokens";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { JobStatus, type JobStatusJson } from "@/components/status/job-status";
import { handleGetJob } from "./submissions-jobs";
import { handleClaim } from "./worker-handlers";

// Workers offer the benchmark versions whose data they hold; the site hands them only those jobs, remembers who
// offered what, and a queued job no recently seen worker can run says so in the jobs API. Real handlers, real
// Requests, PGlite and PostgreSQL. As under `npm run serve` (LOCAL_SERVICES=1), the answer says how to get the data.
process.env.LOCAL_SERVICES = "1";

const FP = "f".repeat(64);
const advert = (id: string, version: number, fingerprint = FP) => ({ id, version, fingerprint });
const artifact = fs.mkdtempSync(path.join(os.tmpdir(), "adverts-"));
fs.writeFileSync(path.join(artifact, "model.json"), "{}");
afterAll(() => fs.rmSync(artifact, { recursive: true, force: true }));

describe.each(testDatabaseKinds())("benchmark adverts in worker claims on %s", (kind) => {
  let handle: DatabaseHandle;
  let ctx: RequestContext;
  let token: string;
  let modelId: number;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    ctx = { db: handle.db, auth: createTestAuth(handle.db), siteOrigin: TEST_SITE };
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    await handle.db.execute(sql`truncate jobs, evaluations, models, worker_tokens restart identity cascade`);
    token = (await createWorkerToken(handle.db, "gpu-1")).token;
    [{ id: modelId }] = await handle.db
      .insert(models)
      .values({
        slug: "m",
        displayName: "M",
        ownerName: "t",
        family: "CNN",
        trainingData: "none",
        numClasses: 1000,
        preprocessing: { scale: 1, mean: [0, 0, 0], std: [1, 1, 1] },
        artifactPath: artifact,
      })
      .returning();
  });

  const enqueue = async (benchmarkId: string, benchmarkVersion = 1) =>
    (await enqueueEvaluation(handle.db, { modelId, benchmarkId, benchmarkVersion, reason: "submission" })).id;
  const claim = (body: unknown) =>
    handleClaim(
      handle.db,
      new Request("http://site/api/v1/worker/claim", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      {},
    );
  const jobJson = async (id: number) => {
    const res = await handleGetJob(ctx, new Request(`${TEST_SITE}/api/v1/jobs/${id}`), String(id));
    expect(res.status).toBe(200);
    return (await res.json()).job;
  };
  const status = async (id: number) => (await handle.db.select().from(jobs).where(eq(jobs.id, id)))[0].status;

  it("refuses bare names (the old protocol) and malformed fingerprints with a 400 that says what to send", async () => {
    const names = await claim({ workerName: "host#0", benchmarks: ["clickme"] });
    expect(names.status).toBe(400);
    expect((await names.json()).error.message).toBe(
      "Invalid field 'benchmarks.0': is the bare name 'clickme'; a worker sends {id, version, fingerprint} for each benchmark whose data it holds (update the worker)",
    );
    const bad = await claim({ workerName: "host#0", benchmarks: [advert("clickme", 1, "abc")] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toBe("Invalid field 'benchmarks.0.fingerprint': must be a sha256 in lowercase hex");
  });

  it("says a queued job waits for data no worker was seen with, then hands it only to a worker holding that version", async () => {
    const clickme = await enqueue("clickme");
    expect((await jobJson(clickme)).waiting_for).toEqual({
      benchmark: { id: "clickme", version: 1 },
      minutes: 10,
      message: "Waiting for a worker with the ClickMe validation split (v1); none seen in the last 10 minutes.",
      get_data: { command: "npm run data:clickme -- --out ./data/datasets/clickme", needs_internet: true },
    });

    // Another benchmark's data, or another version of ClickMe's, gets nothing; an empty list gets nothing.
    expect((await claim({ workerName: "host#0", benchmarks: [advert("synthetic", 1), advert("clickme", 2)] })).status).toBe(204);
    expect((await claim({ workerName: "host#1", benchmarks: [] })).status).toBe(204);
    expect(await status(clickme)).toBe("queued");
    expect((await jobJson(clickme)).waiting_for).not.toBeNull();

    const res = await claim({ workerName: "host#0", benchmarks: [advert("clickme", 1)] });
    expect(res.status).toBe(200);
    expect((await res.json()).job).toMatchObject({ id: clickme, benchmark: { id: "clickme", version: 1 } });
    const seen = await handle.db
      .select()
      .from(workerBenchmarkSightings)
      .orderBy(workerBenchmarkSightings.benchmarkId, workerBenchmarkSightings.benchmarkVersion);
    // One row per process (the slot suffix dropped) and benchmark version, keyed by token.
    expect(seen.map((s) => [s.workerName, s.benchmarkId, s.benchmarkVersion, s.fingerprint])).toEqual([
      ["gpu-1/host", "clickme", 1, FP],
      ["gpu-1/host", "clickme", 2, FP],
      ["gpu-1/host", "synthetic", 1, FP],
    ]);

    // A second ClickMe job now has a worker: a queue position, no waiting reason.
    await handle.db.insert(models).values({
      slug: "m2",
      displayName: "M2",
      ownerName: "t",
      family: "CNN",
      trainingData: "none",
      numClasses: 1000,
      preprocessing: { scale: 1, mean: [0, 0, 0], std: [1, 1, 1] },
      artifactPath: artifact,
    });
    const second = (
      await enqueueEvaluation(handle.db, { modelId: modelId + 1, benchmarkId: "clickme", benchmarkVersion: 1, reason: "submission" })
    ).id;
    expect(await jobJson(second)).toMatchObject({ waiting_for: null, queue_position: 1 });

    // Sightings age out after WORKER_SEEN_MINUTES; a worker busy on a ClickMe v1 job still counts as there.
    await handle.db.update(workerBenchmarkSightings).set({ lastSeenAt: sql`now() - interval '11 minutes'` });
    expect((await jobJson(second)).waiting_for).toBeNull();
    await handle.db
      .update(jobs)
      .set({ leaseExpiresAt: sql`now() - interval '1 second'` })
      .where(eq(jobs.id, clickme));
    expect((await jobJson(second)).waiting_for.message).toMatch(/none seen in the last 10 minutes/);

    // A fresh claim with a new fingerprint refreshes the sighting at once.
    await claim({ workerName: "host#3", benchmarks: [advert("clickme", 1, "0".repeat(64))] });
    const [row] = await handle.db
      .select()
      .from(workerBenchmarkSightings)
      .where(eq(workerBenchmarkSightings.benchmarkVersion, 1))
      .orderBy(workerBenchmarkSightings.benchmarkId);
    expect(row.fingerprint).toBe("0".repeat(64));
  });

  it("shows the reason and how to get the data on the status card instead of a bare queue position", async () => {
    const id = await enqueue("clickme");
    const html = renderToStaticMarkup(createElement(JobStatus, { initial: (await jobJson(id)) as JobStatusJson, canCancel: false }));
    const text = html.replace(/<[^>]+>/g, "");
    expect(text).toContain("Waiting for a worker with the ClickMe validation split (v1); none seen in the last 10 minutes.");
    expect(text).toContain(
      "To get the data for the local worker, run npm run data:clickme -- --out ./data/datasets/clickme (it needs internet); the worker picks it up",
    );
    expect(text).not.toContain("Position in the queue");
    await claim({ workerName: "h#0", benchmarks: [advert("synthetic", 1)] });
    const other = await enqueue("synthetic");
    const plain = renderToStaticMarkup(createElement(JobStatus, { initial: (await jobJson(other)) as JobStatusJson, canCancel: false }));
    expect(plain).toContain("Position in the queue: 2");
    expect(plain).not.toContain("Waiting for a worker");
  });

  it("leaves running and finished jobs without a waiting reason; a generated split's command keeps its arguments", async () => {
    const id = await enqueue("synthetic");
    expect((await jobJson(id)).waiting_for.get_data).toEqual({
      command: "npm run data:synthetic -- --n 200 --seed 1 --out ./data/datasets/synthetic",
      needs_internet: false,
    });
    await handle.db.update(jobs).set({ status: "failed" }).where(eq(jobs.id, id));
    expect((await jobJson(id)).waiting_for).toBeNull();
  });
});
