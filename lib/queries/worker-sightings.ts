import { and, eq, gt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { jobs, workerBenchmarkSightings, type JobRow } from "@/db/schema";
import { findBenchmark } from "@/lib/benchmarks";
import { getEnv } from "@/lib/env";
import type { BenchmarkAdvert } from "@/lib/queue/protocol";

/** A claim refreshes a sighting at most this often (every slot claims every few seconds). */
const REFRESH_SECONDS = 15;

/** "host-123#4" → "host-123": the slots of one worker process hold the same data. */
const processName = (name: string) => name.replace(/#\d+$/, "");

/** Records that this worker offered these benchmark versions' data just now (an upsert; cheap when repeated). */
export async function recordWorkerBenchmarks(
  db: DbOrTx,
  worker: { tokenId: number; name: string; benchmarks: BenchmarkAdvert[] },
): Promise<void> {
  if (!worker.benchmarks.length) return;
  const values = worker.benchmarks.map((b) => ({
    workerTokenId: worker.tokenId,
    workerName: processName(worker.name),
    benchmarkId: b.id,
    benchmarkVersion: b.version,
    fingerprint: b.fingerprint,
  }));
  const t = workerBenchmarkSightings;
  await db
    .insert(t)
    .values(values)
    .onConflictDoUpdate({
      target: [t.workerTokenId, t.workerName, t.benchmarkId, t.benchmarkVersion],
      set: { fingerprint: sql`excluded.fingerprint`, lastSeenAt: sql`now()` },
      setWhere: or(sql`${t.lastSeenAt} < now() - make_interval(secs => ${REFRESH_SECONDS})`, sql`${t.fingerprint} <> excluded.fingerprint`),
    });
}

export type WaitingForWorker = {
  benchmark: { id: string; version: number };
  minutes: number;
  message: string;
  /** For the embedded default only: the command that fetches the split into the local worker's data root. */
  getData: { command: string; needsInternet: boolean } | null;
};

/**
 * Why a queued job is not moving, when the reason is that no worker seen in the last WORKER_SEEN_MINUTES offered
 * its benchmark version's data (a worker busy on a job of that version counts as seen); null when one was.
 */
export async function getWaitingForWorker(
  db: DbOrTx,
  job: Pick<JobRow, "id" | "status" | "benchmarkId" | "benchmarkVersion">,
): Promise<WaitingForWorker | null> {
  if (job.status !== "queued") return null;
  const env = getEnv();
  const minutes = env.WORKER_SEEN_MINUTES;
  const since = sql`now() - make_interval(mins => ${minutes})`;
  const [sighting] = await db
    .select({ one: sql`1` })
    .from(workerBenchmarkSightings)
    .where(
      and(
        eq(workerBenchmarkSightings.benchmarkId, job.benchmarkId),
        eq(workerBenchmarkSightings.benchmarkVersion, job.benchmarkVersion),
        gt(workerBenchmarkSightings.lastSeenAt, since),
      ),
    )
    .limit(1);
  if (sighting) return null;
  const [busy] = await db
    .select({ one: sql`1` })
    .from(jobs)
    .where(
      and(
        eq(jobs.status, "running"),
        eq(jobs.benchmarkId, job.benchmarkId),
        eq(jobs.benchmarkVersion, job.benchmarkVersion),
        gt(jobs.leaseExpiresAt, sql`now()`),
      ),
    )
    .limit(1);
  if (busy) return null;
  const benchmark = findBenchmark(job.benchmarkId);
  const data = benchmark ? `the ${benchmark.dataset.name}` : `the data of '${job.benchmarkId}'`;
  const getData =
    benchmark && env.LOCAL_SERVICES === "1"
      ? {
          command: withOut(benchmark.dataset.getData.command, localDataDir(env.DATA_DIR, benchmark.id)),
          needsInternet: benchmark.dataset.getData.needsInternet,
        }
      : null;
  return {
    benchmark: { id: job.benchmarkId, version: job.benchmarkVersion },
    minutes,
    message: `Waiting for a worker with ${data} (v${job.benchmarkVersion}); none seen in the last ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    getData,
  };
}

/** `npm run X` → `npm run X -- --out DIR`; a command that already passes arguments gets `--out DIR` after them. */
const withOut = (command: string, dir: string) => `${command}${command.includes(" -- ") ? "" : " --"} --out ${dir}`;

/** Where `npm run serve`'s worker looks for a benchmark's split (its --data-root is DATA_DIR/datasets). */
function localDataDir(dataDir: string, benchmarkId: string): string {
  return `${dataDir.replace(/\/+$/, "")}/datasets/${benchmarkId}`;
}
