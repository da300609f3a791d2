/**
 * The write API's examples run as they are: `bash docs/examples/submit.sh` and `python3 docs/examples/submit.py`, with
 * TOKEN and BASE_URL, against the real POST /api/v1/submissions, GET /api/v1/jobs/:id and cancel handlers behind a
 * node:http server (lib/api/testing/submissions-server.ts), on a database holding the demo models as the embedded
 * default registers them at start. Each submits the committed demo model again: a 201 with job ids,
 * the private model is the token owner's, and the script polls until the test cancels the jobs (it then exits 2).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { jobs, models } from "@/db/schema";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { createTestAuth, signUpForTest, TEST_SITE } from "@/lib/auth/testing";
import { SlidingWindowLimiter } from "@/lib/auth/rate-limit";
import { createApiToken } from "@/lib/queries/api-tokens";
import { registerDemoModels } from "@/lib/submissions/demo";
import { SUBMIT_EXAMPLES, submitCurlCommand, readExample } from "@/lib/openapi/examples";
import type { SubmissionDeps } from "./submissions";
import { serveSubmissions } from "./testing/submissions-server";

const PYTHON = "/usr/bin/python3";
const hasRequests = spawnSync(PYTHON, ["-c", "import requests"]).status === 0;

type Run = {
  code: number | null;
  stdout: string;
  stderr: string;
  created: { model: { slug: string }; jobs: { id: number; status_url: string }[] };
};

/**
 * Runs one example to its end. Once it has printed the 201 body and its first status line, every job is cancelled
 * over HTTP with the same token, so the script's poll sees "cancelled" and it exits.
 */
function runExample(command: string[], env: Record<string, string>, cancel: (ids: number[]) => Promise<void>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let created: Run["created"] | null = null;
    let cancelling = false;
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      created ??=
        (stdout
          .split("\n")
          .filter((l) => l.startsWith('{"model"'))
          .map((l) => JSON.parse(l))[0] as Run["created"]) ?? null;
      if (created && !cancelling && /^job \d+: queued/m.test(stdout)) {
        cancelling = true;
        cancel(created.jobs.map((j) => j.id)).catch(reject);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, created: created ?? { model: { slug: "" }, jobs: [] } });
    });
  });
}

describe.each(testDatabaseKinds())("the submit examples over HTTP on %s", (kind) => {
  let handle: DatabaseHandle;
  let deps: SubmissionDeps;
  let server: { url: string; origin: string; stop: () => Promise<void> };

  const newToken = async (email: string) => {
    const user = await signUpForTest(deps.auth, email, email.split("@")[0]);
    return { userId: user.userId, token: (await createApiToken(handle.db, user.userId, "example")).token };
  };
  const cancelAll = (token: string) => async (ids: number[]) => {
    for (const id of ids) {
      const res = await fetch(`${server.origin}/api/v1/jobs/${id}/cancel`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status, await res.clone().text()).toBe(200);
    }
  };
  const expectSubmitted = async (run: Run, userId: string) => {
    expect(run.stdout, run.stderr).toContain("POST /api/v1/submissions: 201");
    expect(run.created.jobs.length).toBeGreaterThan(0);
    for (const j of run.created.jobs) expect(j.status_url).toBe(`/api/v1/jobs/${j.id}`);
    const [model] = await handle.db.select().from(models).where(eq(models.slug, run.created.model.slug));
    expect(model).toMatchObject({
      ownerUserId: userId,
      visibility: "private",
      numClasses: 4,
      format: "layers",
      displayName: "Demo CNN (API example)",
    });
    expect(model.preprocessing).toEqual({ scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] });
    const rows = await handle.db.select().from(jobs).where(eq(jobs.modelId, model.id));
    expect(rows.map((r) => r.id).sort()).toEqual(run.created.jobs.map((j) => j.id).sort());
    expect(rows.every((r) => r.status === "cancelled")).toBe(true);
    // The poll read each job's status and stopped at "cancelled": exit status 2 (a job did not succeed).
    for (const j of run.created.jobs) expect(run.stdout).toMatch(new RegExp(`^job ${j.id}: cancelled`, "m"));
    expect(run.code, run.stdout + run.stderr).toBe(2);
  };

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    const auth = createTestAuth(handle.db);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "submit-examples-"));
    deps = {
      db: handle.db,
      auth,
      siteOrigin: TEST_SITE,
      dataDir,
      maxUploadBytes: 8 * 1024 * 1024,
      submissionsPerDay: 5,
      rejectedUploads: new SlidingWindowLimiter(1000, 3600_000),
    };
    // As the embedded default (npm run serve) starts: the demo models are already registered, public, identity.
    expect(await registerDemoModels(handle.db, dataDir)).toHaveLength(2);
    server = await serveSubmissions(() => deps);
  });
  afterAll(async () => {
    await server?.stop();
    await handle?.close();
    if (deps) await rm(deps.dataDir, { recursive: true, force: true });
  });

  it(`bash ${SUBMIT_EXAMPLES.shell} submits the demo model (201, job ids) and polls GET /jobs/{id} until the jobs end`, async () => {
    const { token, userId } = await newToken("curl@example.org");
    const env = { TOKEN: token, BASE_URL: server.origin, POLL_SECONDS: "0.2" };
    const run = await runExample(["bash", SUBMIT_EXAMPLES.shell], env, cancelAll(token));
    await expectSubmitted(run, userId);

    // Again with the same account: the same weights and preprocessing are a 409 naming the first, exit status 1.
    const again = await runExample(["bash", SUBMIT_EXAMPLES.shell], env, cancelAll(token));
    expect(again.stdout).toContain("POST /api/v1/submissions: 409");
    expect(again.stdout).toContain(`"existing":"${run.created.model.slug}"`);
    expect(again.code).toBe(1);
  }, 120_000);

  it.skipIf(!hasRequests)(
    `python3 ${SUBMIT_EXAMPLES.python} submits the demo model the same way (skipped when ${PYTHON} has no requests module)`,
    async () => {
      const { token, userId } = await newToken("python@example.org");
      const run = await runExample(
        [PYTHON, SUBMIT_EXAMPLES.python],
        { TOKEN: token, BASE_URL: server.origin, POLL_SECONDS: "0.2" },
        cancelAll(token),
      );
      await expectSubmitted(run, userId);
    },
    120_000,
  );

  it("the account page's command is the script's, and both examples send the same fields", () => {
    const command = submitCurlCommand();
    expect(readExample("shell")).toContain(
      command
        .split("\n")
        .map((l) => `  ${l}`)
        .join("\n"),
    );
    expect(command).toMatch(/^curl .*"\$BASE_URL\/api\/v1\/submissions"$/s);
    const curlFields = Object.fromEntries(
      [...command.matchAll(/-F (\w+)=("[^"]*"|\S+)/g)].filter((m) => m[1] !== "files").map((m) => [m[1], m[2].replace(/^"|"$/g, "")]),
    );
    const python = readExample("python");
    const pyFields = Object.fromEntries([...python.matchAll(/^ {4}"(\w+)": "([^"]*)",$/gm)].map((m) => [m[1], m[2]]));
    expect(pyFields).toEqual(curlFields);
    expect(Object.keys(curlFields).sort()).toEqual([
      "family",
      "name",
      "num_classes",
      "preprocessing",
      "trained_on_human_maps",
      "training_data",
      "visibility",
    ]);
  });
});
