/**
 * npm run bench:web — seeds 10,000 demo-flagged models into a separate embedded database, serves the production
 * build on it, and loads the leaderboard page and its JSON with autocannon (50 connections). Writes the
 * "Web" section of docs/benchmarks.md. Options: --models N, --duration S, --fresh (reseed), env BENCH_PGLITE_DIR.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { count, like } from "drizzle-orm";
import { openPglite } from "@/db/client";
import { models } from "@/db/schema";
import { seedDatabase } from "@/lib/queries/seed";
import { freeLoopbackPort, waitForHttp } from "@/lib/server/local-http";
import { seedBenchModels } from "./web-seed";
import { replaceSection } from "./web-report";

const { values: args } = parseArgs({
  options: {
    models: { type: "string", default: "10000" },
    duration: { type: "string", default: "15" },
    connections: { type: "string", default: "50" },
    fresh: { type: "boolean", default: false },
  },
});
const N = Number(args.models);
const DIR = path.resolve(process.env.BENCH_PGLITE_DIR ?? "/tmp/bench-web-db");
const TARGETS = { pageP50: 50, pageP99: 250, jsonP50: 20, pageKb: 150 };

async function prepareDatabase(): Promise<void> {
  if (args.fresh) fs.rmSync(DIR, { recursive: true, force: true });
  const handle = await openPglite(DIR);
  try {
    await seedDatabase(handle.db);
    const [{ n }] = await handle.db.select({ n: count() }).from(models).where(like(models.slug, "bench-%"));
    if (n === 0) {
      const t = performance.now();
      await seedBenchModels(handle.db, N);
      console.log(`seeded ${N} models in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    } else if (n !== N) {
      throw new Error(`${DIR} holds ${n} bench models, not ${N}: rerun with --fresh.`);
    } else console.log(`reusing ${DIR} (${n} bench models)`);
  } finally {
    await handle.close();
  }
}

async function startServer(port: number, cacheMb: number): Promise<ChildProcess> {
  if (!fs.existsSync(".next/BUILD_ID")) {
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const env = {
    ...process.env,
    PGLITE_DIR: DIR,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    RESPONSE_CACHE_MB: String(cacheMb),
  } as NodeJS.ProcessEnv;
  delete env.DATABASE_URL;
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/site.ts", "-p", String(port)], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const state = await waitForHttp(`http://127.0.0.1:${port}/api/v1/leaderboard`, {
    timeoutMs: 120_000,
    intervalMs: 500,
    exited: () => server.exitCode !== null,
  });
  if (state === "exited") throw new Error(`the site exited with ${server.exitCode}`);
  if (state === "timeout") throw new Error("the site did not answer within 120 s");
  return server;
}

type Load = { p50: number; p99: number; rps: number; bytesPerSec: number; non2xx: number; errors: number; timeouts: number };

type AutocannonResult = {
  latency: { p50: number; p99: number };
  requests: { average: number };
  throughput: { average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
};
type AutocannonRequest = { headers?: Record<string, string> } & Record<string, unknown>;
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

/**
 * Each request comes from its own address (X-Forwarded-For), as from many visitors: from one address the
 * API's per-client rate limit (proxy.ts) would answer 429 and the run would measure the limiter.
 */
async function load(url: string): Promise<Load> {
  let n = 0;
  const r = await autocannon({
    url,
    connections: Number(args.connections),
    duration: Number(args.duration),
    timeout: 10,
    requests: [
      {
        setupRequest: (req: AutocannonRequest) => {
          n += 1;
          const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
          return { ...req, headers: { ...req.headers, "x-forwarded-for": ip } };
        },
      },
    ],
  });
  return {
    p50: r.latency.p50,
    p99: r.latency.p99,
    rps: r.requests.average,
    bytesPerSec: r.throughput.average,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/** One GET; retried once because a kept-alive socket the server has just closed fails the first try. */
async function get(url: string): Promise<{ status: number; bytes: number }> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
      return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
    } catch (err) {
      if (attempt >= 1) throw err;
    }
  }
}

/** Bytes on the wire for a browser (gzip accepted), read from the raw response. */
function gzipBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "gzip" } }, (res) => {
        let n = 0;
        res.on("data", (c: Buffer) => (n += c.length));
        res.on("end", () => resolve(n));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

type Row = { name: string; cache: string; status: number; bytes: number; gzip: number; firstMs: number; load: Load };

/** Measures the JSON and the page on a fresh server; the first GET of each is timed (a render, never cached). */
async function measure(cacheMb: number): Promise<Row[]> {
  const port = await freeLoopbackPort();
  const server = await startServer(port, cacheMb);
  try {
    const base = `http://127.0.0.1:${port}`;
    // JSON first: an overloaded page render must not spoil the API measurement.
    const targets = [
      { name: "JSON `/api/v1/leaderboard`", url: `${base}/api/v1/leaderboard` },
      { name: "Leaderboard page `/`", url: `${base}/` },
    ];
    const rows: Row[] = [];
    for (const t of targets) {
      const t0 = performance.now();
      const res = await get(t.url);
      const firstMs = performance.now() - t0;
      const gzip = await gzipBytes(t.url);
      for (let i = 0; i < 5; i++) await get(t.url); // warm-up
      const measured = await load(t.url);
      const cache = cacheMb > 0 ? "on" : "off";
      console.log(t.name, { cache, status: res.status, bytes: res.bytes, gzip, firstMs, ...measured });
      rows.push({ name: t.name, cache, status: res.status, bytes: res.bytes, gzip, firstMs, load: measured });
    }
    return rows;
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function main() {
  await prepareDatabase();
  const cached = await measure(64);
  const uncached = await measure(0);
  const [json, page] = cached;
  const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
  const lines = [
    "## Web (`npm run bench:web`)",
    "",
    `Run ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average before the run ` +
      `${os.loadavg()[0].toFixed(1)}. \`npm start\` (the front, lib/server/front.ts, before \`next start\`) on embedded ` +
      `PGlite holding ${N} demo-flagged models (+ the 12 seeded demo models); autocannon, ${args.connections} ` +
      `connections, ${args.duration} s per URL, uncompressed responses. "Cache off" is the same server with ` +
      `RESPONSE_CACHE_MB=0: every request renders, as the first request after each write does.`,
    "",
    "| URL | response cache | first request (render) | p50 latency | p99 latency | throughput | bytes (gzip on the wire) | failures |",
    "|---|---|---|---|---|---|---|---|",
    ...[...cached, ...uncached].map(
      (r) =>
        `| ${r.name} | ${r.cache} | ${r.firstMs.toFixed(0)} ms | ${r.load.p50} ms | ${r.load.p99} ms | ${r.load.rps.toFixed(0)} req/s ` +
        `(${(r.load.bytesPerSec / 1e6).toFixed(1)} MB/s) | ${(r.bytes / 1024).toFixed(1)} KiB (${(r.gzip / 1024).toFixed(1)} KiB) | ` +
        `${r.load.non2xx} non-2xx, ${r.load.errors} errors (${r.load.timeouts} timeouts > 10 s) |`,
    ),
    "",
    `Targets (cache on): page p50 ≤ ${TARGETS.pageP50} ms (${verdict(page.load.p50 <= TARGETS.pageP50)}), ` +
      `page p99 ≤ ${TARGETS.pageP99} ms (${verdict(page.load.p99 <= TARGETS.pageP99)}), ` +
      `JSON p50 ≤ ${TARGETS.jsonP50} ms (${verdict(json.load.p50 <= TARGETS.jsonP50)}), ` +
      `first HTML page ≤ ${TARGETS.pageKb} KB uncompressed (${verdict(page.bytes <= TARGETS.pageKb * 1000)}).`,
    "",
    "Rerun: `npm run bench:web` (options: `-- --models N --duration S --fresh`).",
  ];
  replaceSection("docs/benchmarks.md", "web", lines.join("\n"));
  console.log(lines.join("\n"));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
