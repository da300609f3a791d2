// A second, complete site for flows that need a worker (the site under test in the other specs runs none): its own
// embedded database and data folder, local services on, a synthetic split of `images` images, and a real worker.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect } from "@playwright/test";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = ["--import", "tsx"];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export type SecondSite = { base: string; dir: string; stop(): void };

/** Call in beforeAll (it takes a production start: allow minutes); `stop()` in afterAll. */
export async function startSecondSiteWithWorker(opts: { prefix: string; images: number }): Promise<SecondSite> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), opts.prefix));
  const children: ChildProcess[] = [];
  const stop = () => {
    for (const c of children) c.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const datasets = path.join(dir, "data", "datasets");
  const synthetic = spawnSync(
    process.execPath,
    [...TSX, "jobs/data-synthetic.ts", "--out", path.join(datasets, "synthetic"), "--n", String(opts.images), "--seed", "1"],
    { cwd: ROOT, encoding: "utf8" },
  );
  expect(synthetic.status, synthetic.stderr).toBe(0);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    LOCAL_SERVICES: "1",
    PUBLIC_URL: base,
    DATA_DIR: path.join(dir, "data"),
    PGLITE_DIR: path.join(dir, "pglite"),
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  children.push(spawn(process.execPath, [...TSX, "scripts/site.ts", "-p", String(port)], { cwd: ROOT, env, stdio: "inherit" }));
  const tokensFile = path.join(dir, "data", "local-tokens.json");
  await expect.poll(() => fs.existsSync(tokensFile), { timeout: 180_000, intervals: [500] }).toBe(true);
  // The tokens are written by next start; the front listens only once next start answers.
  await expect
    .poll(
      () =>
        fetch(`${base}/api/v1/health`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 60_000, intervals: [500] },
    )
    .toBe(200);
  const { worker } = JSON.parse(fs.readFileSync(tokensFile, "utf8")) as { worker: string };
  children.push(
    spawn(process.execPath, [...TSX, "jobs/worker.ts", "--url", base, "--data-root", datasets, "--backend", "wasm"], {
      cwd: ROOT,
      env: { ...process.env, WORKER_TOKEN: worker },
      stdio: "inherit",
    }),
  );
  return { base, dir, stop };
}
