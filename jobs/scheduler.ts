// SCHEDULER_TOKEN=… npm run scheduler -- --url URL [--token-file PATH] [--interval-seconds N] [--once]
// Periodically asks the site to requeue expired leases and to queue re-evaluations after benchmark version changes.
import { parseArgs } from "node:util";
import { readToken, TOKEN_OPTIONS } from "./token-source";
import { sleep } from "./worker-client";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    url: { type: "string" },
    ...TOKEN_OPTIONS,
    "interval-seconds": { type: "string", default: "15" },
    once: { type: "boolean", default: false },
  },
});

function fail(message: string): never {
  console.error(`scheduler: ${message}`);
  process.exit(2);
}

const url = values.url ?? fail("--url is required (the site's address)");
let token = "";
try {
  token = readToken(values, "SCHEDULER_TOKEN");
} catch (err) {
  fail((err as Error).message);
}
const interval = Number(values["interval-seconds"]);
if (!(interval > 0)) fail("--interval-seconds must be a positive number");

let stopping = false;
process.once("SIGTERM", () => (stopping = true));
process.once("SIGINT", () => (stopping = true));

async function tick(): Promise<void> {
  const res = await fetch(new URL("/api/v1/worker/maintenance", url), {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: "{}",
  });
  const body = (await res.json().catch(() => ({}))) as {
    requeued?: number;
    reevaluations?: number;
    notifications?: { sent: number; failed: number };
    error?: { message: string };
  };
  if (!res.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
  if (body.requeued || body.reevaluations) {
    console.error(`[scheduler] requeued ${body.requeued} expired lease(s), queued ${body.reevaluations} re-evaluation(s)`);
  }
  const n = body.notifications;
  if (n && (n.sent || n.failed)) console.error(`[scheduler] notifications: ${n.sent} sent, ${n.failed} failed (retried with backoff)`);
}

do {
  try {
    await tick();
  } catch (err) {
    console.error(`[scheduler] tick failed: ${(err as Error).message}`);
    if (values.once) process.exit(1);
  }
  if (values.once) break;
  await sleep(interval * 1000);
} while (!stopping);
