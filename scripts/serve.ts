// npm run serve: the embedded default. Builds the site if needed, generates the synthetic sets if missing, starts the
// site (which owns the embedded database), then the scheduler and one local worker with a slot per core.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { writeSyntheticDataset, type SceneSource } from "@/lib/datasets/synthetic/write-dataset";
import { SHORTCUT_TEST_IMAGES, SHORTCUT_TEST_SEED, shortcutSceneSource } from "@/lib/datasets/synthetic-shortcut/scene-source";
import { writeSyntheticPsychophysics } from "@/lib/datasets/psychophysics/synthetic";
import { createProgress } from "@/lib/cli/progress";
import { LOCAL_TOKENS_FILE } from "@/lib/queries/local-tokens";
import { waitForHttp } from "@/lib/server/local-http";

const SYNTHETIC_IMAGES = 200;
const SYNTHETIC_SEED = 1;
const port = Number(process.env.PORT ?? 3000);
const env = getEnv();
const dataDir = path.resolve(env.DATA_DIR);
const datasets = path.join(dataDir, "datasets");
const children: ChildProcess[] = [];

function log(message: string) {
  console.error(`[serve] ${message}`);
}

function buildIfStale(): void {
  const buildId = path.join(".next", "BUILD_ID");
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const newer = (dir: string): boolean =>
    fs.existsSync(dir) &&
    fs
      .readdirSync(dir, { withFileTypes: true, recursive: true })
      .some((e) => e.isFile() && fs.statSync(path.join(e.parentPath, e.name)).mtimeMs > builtAt);
  if (builtAt && !["app", "components", "lib", "db"].some(newer)) return;
  log("building the site (next build)…");
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("next build failed");
}

/** The generated benchmarks' splits, one directory per benchmark id (what the local worker can evaluate). */
async function ensureGeneratedSplit(benchmarkId: string, n: number, seed: number, source?: SceneSource): Promise<void> {
  const dir = path.join(datasets, benchmarkId);
  if (fs.existsSync(path.join(dir, "manifest.json"))) return;
  log(`generating the ${benchmarkId} split (${n} images, ClickMe format) in ${dir}`);
  const bar = createProgress({ label: benchmarkId, total: n });
  await writeSyntheticDataset({ out: dir, n, seed, source, onImage: (done) => bar.update(done) });
  bar.finish();
}

function start(name: string, args: string[], extraEnv: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, args, { stdio: "inherit", env: { ...process.env, ...extraEnv } });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      log(`${name} exited (${code ?? signal}); stopping everything`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

async function waitForSite(url: string, tokensFile: string): Promise<{ worker: string; scheduler: string }> {
  const state = await waitForHttp(`${url}/api/v1/health`, { timeoutMs: 120_000, intervalMs: 500, ready: () => fs.existsSync(tokensFile) });
  if (state !== "ready") throw new Error(`The site did not answer on ${url} within 120 s`);
  return JSON.parse(fs.readFileSync(tokensFile, "utf8"));
}

let stopping = false;
async function stop(code: number): Promise<never> {
  stopping = true;
  for (const child of children.reverse()) child.kill("SIGTERM");
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))));
  process.exit(code);
}

async function main(): Promise<void> {
  buildIfStale();
  await ensureGeneratedSplit("synthetic", SYNTHETIC_IMAGES, SYNTHETIC_SEED);
  await ensureGeneratedSplit("shortcut", SHORTCUT_TEST_IMAGES, SHORTCUT_TEST_SEED, shortcutSceneSource("test"));
  const standIn = path.join(datasets, "psychophysics-synthetic");
  if (!fs.existsSync(path.join(standIn, "manifest.json"))) {
    log(`generating the psychophysics stand-in (synthetic, 440 stimuli) in ${standIn}`);
    await writeSyntheticPsychophysics({ out: standIn, force: true });
  }
  const tokensFile = path.join(dataDir, LOCAL_TOKENS_FILE);
  fs.rmSync(tokensFile, { force: true });
  // Sign-in checks the browser's origin against PUBLIC_URL: default it to the port actually served.
  const publicUrl = process.env.PUBLIC_URL || `http://localhost:${port}`;
  start("site", ["--import", "tsx", "scripts/site.ts", "-p", String(port)], {
    LOCAL_SERVICES: "1",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PUBLIC_URL: publicUrl,
  });
  const url = `http://127.0.0.1:${port}`;
  const tokens = await waitForSite(url, tokensFile);
  // Tokens travel in the environment: argv is readable by every user in the process list.
  start("scheduler", ["--import", "tsx", "jobs/scheduler.ts", "--url", url], { SCHEDULER_TOKEN: tokens.scheduler });
  const slots = Math.max(1, os.cpus().length);
  start("worker", ["--import", "tsx", "jobs/worker.ts", "--url", url, "--concurrency", String(slots), "--data-root", datasets], {
    WORKER_TOKEN: tokens.worker,
  });
  log(`the leaderboard is up on http://localhost:${port} (scheduler and ${slots} worker slot(s) running; Ctrl-C stops all)`);
}

process.once("SIGINT", () => void stop(0));
process.once("SIGTERM", () => void stop(0));
main().catch((err: Error) => {
  log(err.message);
  void stop(1);
});
