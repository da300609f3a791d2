// npm start: the production site. `next start` runs on a loopback port and owns the database; the front
// (lib/server/front.ts) listens on PORT, answers public pages and reads from its response cache and passes the
// rest through. Options: -p PORT (default $PORT or 3000), -H HOSTNAME (default 127.0.0.1: only
// this machine; pass -H 0.0.0.0 behind a proxy on another host, and list that proxy in TRUSTED_PROXIES).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPublicGate } from "@/lib/api/public-gate";
import { getEnv } from "@/lib/env";
import { createFrontServer } from "@/lib/server/front";
import { freeLoopbackPort, waitForHttp } from "@/lib/server/local-http";
import { parseTrustedProxies } from "@/lib/server/client-address";
import { ResponseCache } from "@/lib/server/response-cache";

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? "127.0.0.1";
const env = getEnv();
const log = (message: string) => console.error(`[site] ${message}`);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  log(`the port must be an integer from 1 to 65535 (-p or PORT), got '${values.port ?? process.env.PORT}'`);
  process.exit(2);
}
let trustedProxies;
try {
  trustedProxies = parseTrustedProxies(env.TRUSTED_PROXIES);
} catch (err) {
  log((err as Error).message);
  process.exit(2);
}

const upstreamPort = await freeLoopbackPort();
const gateToken = randomBytes(24).toString("base64url");
const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
const next = spawn(process.execPath, [nextBin, "start", "-p", String(upstreamPort), "-H", "127.0.0.1"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", FRONT_GATE_TOKEN: gateToken },
});
let nextExited = false;
let stopping = false;
next.on("exit", (code, signal) => {
  nextExited = true;
  if (!stopping) {
    log(`next start exited (${code ?? signal})`);
    process.exit(code ?? 1);
  }
});

// Every write passes through this front when the embedded database is used (it has exactly one owner), so
// cached answers stay exact; on a shared PostgreSQL other processes write too, and answers live one second.
const cache = new ResponseCache({
  maxBytes: env.RESPONSE_CACHE_MB * 2 ** 20,
  maxEntryBytes: Math.min(4 * 2 ** 20, env.RESPONSE_CACHE_MB * 2 ** 20),
  maxAgeMs: env.DATABASE_URL ? 1_000 : 60_000,
});
const front = createFrontServer({
  upstream: { host: "127.0.0.1", port: upstreamPort },
  cache,
  gate: createPublicGate(),
  gateToken,
  trustedProxies,
});

function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  front.close();
  if (nextExited) process.exit(code);
  next.once("exit", () => process.exit(code));
  next.kill("SIGTERM");
}
process.once("SIGINT", () => stop(0));
process.once("SIGTERM", () => stop(0));

const health = `http://127.0.0.1:${upstreamPort}/api/v1/health`;
const upstream = await waitForHttp(health, { timeoutMs: 180_000, exited: () => nextExited });
if (upstream !== "ready") {
  log(upstream === "exited" ? "next start exited before it answered" : `next start did not answer ${health} within 180 s`);
  stop(1);
} else {
  front.listen(port, hostname, () => {
    const proxies = trustedProxies.text
      ? `; trusting X-Forwarded-For from ${trustedProxies.text}`
      : "; X-Forwarded-For from clients is ignored (TRUSTED_PROXIES unset)";
    log(`listening on http://${hostname}:${port} (next start on 127.0.0.1:${upstreamPort})${proxies}`);
  });
}
front.on("error", (err) => {
  log(`cannot listen on port ${port}: ${err.message}`);
  stop(1);
});
