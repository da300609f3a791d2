/**
 * "Your evaluation ended" notifications end to end on PGlite and PostgreSQL: models submitted through POST
 * /api/v1/submissions end through the worker's real completion and failure reports, the scheduler's maintenance tick
 * queues and sends; a local HTTP server receives the signed webhook and a local SMTP server the e-mail.
 */
import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { notificationDeliveries } from "@/db/schema";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { SlidingWindowLimiter } from "@/lib/auth/rate-limit";
import { createTestAuth, signUpForTest, TEST_SITE } from "@/lib/auth/testing";
import { startSmtpSink, type SmtpSink } from "@/lib/notify/testing/smtp-sink";
import { SUBMIT_EXAMPLES } from "@/lib/openapi/examples";
import { createApiToken } from "@/lib/queries/api-tokens";
import { MAX_DELIVERY_ATTEMPTS } from "@/lib/queries/notifications";
import { createWorkerToken } from "@/lib/queries/worker-tokens";
import { deliverDueNotifications, saveNotificationChoices, type NotifyConfig } from "./notifications";
import type { SubmissionDeps } from "./submissions";
import { leaseForTest, submitAndEvaluate, submitForTest } from "./testing/evaluated-submission";
import { saveTinyModel, type SavedModel } from "./testing/submissions-test-model";
import { handleFail, handleMaintenance } from "./worker-handlers";

type Hook = { headers: http.IncomingHttpHeaders; body: string };
const RHOS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];

describe.each(testDatabaseKinds())("evaluation-ended notifications on %s", (kind) => {
  let handle: DatabaseHandle;
  let deps: SubmissionDeps;
  let worker: { token: string; id: number };
  let ada: { userId: string; token: Record<string, string> };
  let bob: { userId: string; token: Record<string, string> };
  let saved: SavedModel[];
  let sink: SmtpSink;
  let hookServer: http.Server;
  let hookUrl = "";
  const hooks: Hook[] = [];
  let hookAnswer = 200;
  let config: NotifyConfig;
  let adaSecret = "";

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    const auth = createTestAuth(handle.db);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "notifications-"));
    deps = {
      db: handle.db,
      auth,
      siteOrigin: TEST_SITE,
      dataDir,
      maxUploadBytes: 8 * 1024 * 1024,
      submissionsPerDay: 50,
      rejectedUploads: new SlidingWindowLimiter(1000, 3600_000),
    };
    for (const [who, email, name] of [
      ["ada", "ada@example.org", "Ada"],
      ["bob", "bob@example.org", "Bob"],
    ] as const) {
      const u = await signUpForTest(auth, email, name);
      const user = { userId: u.userId, token: { authorization: `Bearer ${(await createApiToken(handle.db, u.userId, "ci")).token}` } };
      if (who === "ada") ada = user;
      else bob = user;
    }
    const w = await createWorkerToken(handle.db, "w");
    worker = { token: w.token, id: w.row.id };
    saved = await Promise.all([saveTinyModel(81), saveTinyModel(82), saveTinyModel(83)]);
    sink = await startSmtpSink();
    hookServer = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        hooks.push({ headers: req.headers, body });
        res.writeHead(hookAnswer).end();
      });
    });
    await new Promise<void>((r) => hookServer.listen(0, "127.0.0.1", r));
    hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hooks/lb`;
    config = {
      siteUrl: "https://board.example",
      smtpUrl: sink.url,
      mailFrom: "Leaderboard <noreply@board.example>",
      allowPrivateWebhooks: true,
      webhookTimeoutMs: 5000,
    };
  });
  afterAll(async () => {
    await handle?.close();
    await sink?.close();
    await new Promise<void>((r) => (hookServer ? hookServer.close(() => r()) : r()));
    if (deps) await rm(deps.dataDir, { recursive: true, force: true });
  });

  it("jobs that ended before a channel was switched on are never announced", async () => {
    await submitAndEvaluate(handle.db, deps, worker, bob.token, saved[2], { name: "Bob Early", visibility: "public" }, RHOS);
    await saveNotificationChoices(handle.db, bob.userId, { email: true, webhookUrl: "", rotateSecret: false }, config);
    expect(await deliverDueNotifications(handle.db, config)).toEqual({ queued: 0, sent: 0, failed: 0 });
    expect(sink.mails).toHaveLength(0);
  });

  it("a result is announced once by a signed webhook and an e-mail, with its score, interval and link", async () => {
    const choice = await saveNotificationChoices(handle.db, ada.userId, { email: true, webhookUrl: hookUrl, rotateSecret: false }, config);
    adaSecret = choice.newSecret!;
    expect(adaSecret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    const r = await submitAndEvaluate(handle.db, deps, worker, ada.token, saved[0], { name: "Ada Private", visibility: "private" }, RHOS);

    expect(await deliverDueNotifications(handle.db, config)).toEqual({ queued: 2, sent: 2, failed: 0 });
    const hook = hooks.at(-1)!;
    const ts = hook.headers["x-leaderboard-timestamp"] as string;
    expect(hook.headers["x-leaderboard-signature"]).toBe(
      `sha256=${createHmac("sha256", adaSecret).update(`${ts}.${hook.body}`).digest("hex")}`,
    );
    // The documented verifier (docs/examples/verify_webhook.py, shown on /docs/api) accepts it, and refuses a changed body.
    const verify = (body: string) =>
      spawnSync("/usr/bin/python3", [path.join(process.cwd(), SUBMIT_EXAMPLES.verifyWebhook)], {
        input: body,
        env: { ...process.env, WEBHOOK_SECRET: adaSecret, TIMESTAMP: ts, SIGNATURE: hook.headers["x-leaderboard-signature"] as string },
      });
    expect(verify(hook.body).stdout.toString()).toBe("valid\n");
    expect(verify(hook.body.replace("succeeded", "failed")).status).toBe(1);
    const payload = JSON.parse(hook.body);
    expect(payload).toMatchObject({
      event: "evaluation.ended",
      model: { slug: r.slug, name: "Ada Private" },
      status_page: `https://board.example/submissions/${r.slug}`,
      job: {
        id: r.jobId,
        status: "succeeded",
        attempts: 1,
        max_attempts: 3,
        result: { id: r.resultId, metric: "alignment", rank: null, public: false, url: `/results/${r.resultId}` },
      },
    });
    // alignment = mean ρ / ceiling (0.45 / 0.65753), as the worker reported it.
    expect(payload.job.result.score).toBeCloseTo(0.45 / 0.65753, 12);

    const mail = sink.mails.at(-1)!;
    expect(mail.to).toEqual(["ada@example.org"]);
    // alignment 0.6844 [0.6344, 0.7244] as the report gave it (ci95 = a − 0.05, a + 0.04), in the registry's percent format.
    expect(mail.headers.subject).toBe("Ada Private on synthetic v1: Human alignment 68.4% (95% CI 63.4%–72.4%), not ranked");
    expect(mail.text).toContain("Not ranked: the result is private until you publish it.");
    expect(mail.text).toContain(`Result: https://board.example/results/${r.resultId}`);

    // Nothing is sent twice.
    const before = hooks.length;
    expect(await deliverDueNotifications(handle.db, config)).toEqual({ queued: 0, sent: 0, failed: 0 });
    expect(hooks.length).toBe(before);
  });

  it("a final failure is announced with its message; a refused webhook is retried with backoff, then given up", async () => {
    const { jobId } = await submitForTest(deps, ada.token, saved[1], { name: "Ada Broken", visibility: "private" });
    await leaseForTest(handle.db, jobId, worker);
    const failed = await handleFail(
      handle.db,
      new Request(`${TEST_SITE}/api/v1/worker/jobs/${jobId}/fail`, {
        method: "POST",
        headers: { authorization: `Bearer ${worker.token}`, "content-type": "application/json" },
        body: JSON.stringify({ attempt: 1, failureClass: "invalid_model", message: "The model outputs NaN logits for every image." }),
      }),
      { id: String(jobId) },
    );
    expect(failed.status, await failed.clone().text()).toBe(200);

    hookAnswer = 503;
    expect(await deliverDueNotifications(handle.db, config)).toEqual({ queued: 2, sent: 1, failed: 1 });
    expect(sink.mails.at(-1)!.headers.subject).toBe("Ada Broken on synthetic v1: the evaluation failed");
    expect(sink.mails.at(-1)!.text).toContain("The model outputs NaN logits for every image.");
    const [row] = await handle.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.jobId, jobId))
      .orderBy(notificationDeliveries.channel);
    const hookRow = (await handle.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.jobId, jobId))).find(
      (d) => d.channel === "webhook",
    )!;
    expect(row.channel).toBe("email");
    expect(hookRow).toMatchObject({ status: "pending", attempts: 1, lastError: "Answered HTTP 503.", lastResponse: 503 });
    // Backoff: the next try is about a minute away, so the next tick does not retry yet.
    const wait = hookRow.nextAttemptAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(30_000);
    expect(wait).toBeLessThan(90_000);
    expect(await deliverDueNotifications(handle.db, config)).toMatchObject({ sent: 0, failed: 0 });

    // Each later try waits 4× longer; after the last one it is given up.
    for (let attempt = 2; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      await handle.db
        .update(notificationDeliveries)
        .set({ nextAttemptAt: sql`now() - interval '1 second'` })
        .where(eq(notificationDeliveries.id, hookRow.id));
      expect(await deliverDueNotifications(handle.db, config)).toMatchObject({ failed: 1 });
    }
    const [given] = await handle.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, hookRow.id));
    expect(given).toMatchObject({ status: "failed", attempts: MAX_DELIVERY_ATTEMPTS });
    hookAnswer = 200;
  });

  it("switching a channel off drops what it had queued; the maintenance tick runs the delivery", async () => {
    await saveNotificationChoices(handle.db, ada.userId, { email: false, webhookUrl: hookUrl, rotateSecret: false }, config);
    const second = await saveNotificationChoices(handle.db, ada.userId, { email: false, webhookUrl: hookUrl, rotateSecret: true }, config);
    expect(second.newSecret).not.toBe(adaSecret);
    await expect(
      saveNotificationChoices(handle.db, ada.userId, { email: false, webhookUrl: "ftp://x.example", rotateSecret: false }, config),
    ).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/must start with https:\/\//) });
    await expect(
      saveNotificationChoices(handle.db, ada.userId, { email: true, webhookUrl: "", rotateSecret: false }, { ...config, smtpUrl: null }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/no mail server configured/) });

    const scheduler = await createWorkerToken(handle.db, "s", "scheduler");
    const res = await handleMaintenance(
      handle.db,
      new Request(`${TEST_SITE}/api/v1/worker/maintenance`, {
        method: "POST",
        headers: { authorization: `Bearer ${scheduler.token}`, "content-type": "application/json" },
        body: "{}",
      }),
      {},
    );
    expect(res.status).toBe(200);
    expect((await res.json()).notifications).toEqual({ queued: 0, sent: 0, failed: 0 });
  });
});
