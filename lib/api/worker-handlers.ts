import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { z } from "zod";
import type { Db } from "@/db";
import type { WorkerTokenRow } from "@/db/schema";
import { AppError, type ErrorCode } from "@/lib/errors";
import { readArtifactListing } from "@/lib/uploads/artifact-files";
import { decodePathParam, parseJobId } from "./path-params";
import { deliverDueNotifications, notifyConfigFromEnv } from "./notifications";
import { json } from "./private-json";
import { answer } from "./route-errors";
import { claimNextJob, failJob, getHeldJobOrThrow, heartbeatJob, releaseJob, requeueExpiredLeases } from "@/lib/queries/jobs";
import { enqueueReevaluations } from "@/lib/queries/reevaluation";
import { maybeCreateNightlySnapshots } from "@/lib/queries/snapshots";
import { completeJob } from "@/lib/queries/job-results";
import { getJobModel } from "@/lib/queries/job-models";
import { authenticateWorkerOrThrow } from "@/lib/queries/worker-tokens";
import { recordWorkerBenchmarks } from "@/lib/queries/worker-sightings";
import { jobLimits, leaseSeconds } from "@/lib/queue/policy";
import {
  ClaimRequestSchema,
  CompleteRequestSchema,
  FailRequestSchema,
  HeartbeatRequestSchema,
  ReleaseRequestSchema,
  type ClaimedJob,
} from "@/lib/queue/protocol";

/** Results carry per-image values for every image of the split: 50k images fit well under this. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** A body that is JSON but breaks the protocol's schema is `invalid` (400 bad_request; 422 invalid_report for results). */
async function readJson<S extends z.ZodType>(req: Request, schema: S, invalid: ErrorCode = "bad_request"): Promise<z.infer<S>> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError("payload_too_large", `Request body over ${MAX_BODY_BYTES} bytes.`);
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new AppError("payload_too_large", `Request body over ${MAX_BODY_BYTES} bytes.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError(invalid, `Invalid field '${first.path.join(".") || "(body)"}': ${first.message}`);
  }
  return parsed.data;
}

/** Stored models are content-addressed and never change; their listing (stored with them) is read once per process. */
const artifactListings = new Map<string, Promise<ClaimedJob["model"]["files"]>>();

function artifactFiles(dir: string): Promise<ClaimedJob["model"]["files"]> {
  let listing = artifactListings.get(dir);
  if (!listing) {
    listing = readArtifactListing(dir);
    listing.catch(() => artifactListings.delete(dir));
    artifactListings.set(dir, listing);
  }
  return listing;
}

type Handler = (db: Db, req: Request, params: Record<string, string>) => Promise<Response>;

type Role = WorkerTokenRow["role"];

/**
 * Authenticates, checks the token's role and runs the handler, mapping every error to the JSON envelope. Roles are
 * disjoint: a worker token leases and reports jobs, a scheduler token runs maintenance and nothing else.
 */
export function workerRoute(
  handler: (ctx: { db: Db; req: Request; tokenId: number; workerName: string; params: Record<string, string> }) => Promise<Response>,
  role: Role = "worker",
): Handler {
  return async (db, req, params) => {
    return answer(async () => {
      const token = await authenticateWorkerOrThrow(db, req.headers.get("authorization"));
      if (token.role !== role) {
        throw new AppError(
          "forbidden",
          role === "worker"
            ? `This is a ${token.role} token; only a worker token may lease and report jobs.`
            : `This is a ${token.role} token; only a scheduler token may run maintenance.`,
        );
      }
      return await handler({ db, req, tokenId: token.id, workerName: token.name, params });
    });
  };
}

export const handleClaim = workerRoute(async ({ db, req, tokenId, workerName }) => {
  const body = await readJson(req, ClaimRequestSchema);
  const name = `${workerName}/${body.workerName}`;
  if (body.benchmarks) await recordWorkerBenchmarks(db, { tokenId, name, benchmarks: body.benchmarks });
  const job = await db.transaction((tx) => claimNextJob(tx, { name, tokenId, benchmarks: body.benchmarks }));
  if (!job) return new Response(null, { status: 204 });
  const model = await getJobModel(db, job.modelId);
  if (!model.artifactPath) {
    await failJob(db, job.id, tokenId, {
      attempt: job.attempts,
      failureClass: "invalid_model",
      message: "The model has no stored weights.",
    });
    return new Response(null, { status: 204 });
  }
  const claimed: ClaimedJob = {
    id: job.id,
    attempt: job.attempts,
    leaseExpiresAt: job.leaseExpiresAt!.toISOString(),
    leaseSeconds: leaseSeconds(),
    model: {
      slug: model.slug,
      format: model.format,
      preprocessing: model.preprocessing,
      logitsNode: model.logitsNode,
      weightsHash: model.weightsHash,
      files: await artifactFiles(model.artifactPath),
    },
    benchmark: { id: job.benchmarkId, version: job.benchmarkVersion },
    limits: {
      timeoutSeconds: job.timeoutSeconds ?? jobLimits().timeoutSeconds,
      memoryMb: job.memoryMb ?? jobLimits().memoryMb,
    },
  };
  return json({ job: claimed });
});

export const handleHeartbeat = workerRoute(async ({ db, req, tokenId, params }) => {
  const body = await readJson(req, HeartbeatRequestSchema);
  const { leaseExpiresAt } = await heartbeatJob(db, parseJobId(params.id), tokenId, body);
  return json({ leaseExpiresAt: leaseExpiresAt.toISOString() });
});

export const handleComplete = workerRoute(async ({ db, req, tokenId, params }) => {
  const body = await readJson(req, CompleteRequestSchema, "invalid_report");
  const result = await completeJob(db, parseJobId(params.id), tokenId, body);
  return json(result);
});

export const handleFail = workerRoute(async ({ db, req, tokenId, params }) => {
  const body = await readJson(req, FailRequestSchema);
  const job = await failJob(db, parseJobId(params.id), tokenId, body);
  return json({ status: job.status, runAfter: job.runAfter.toISOString() });
});

export const handleRelease = workerRoute(async ({ db, req, tokenId, params }) => {
  const body = await readJson(req, ReleaseRequestSchema);
  await releaseJob(db, parseJobId(params.id), tokenId, body);
  return json({ released: true });
});

/** Streams one file of the model a worker holds; names come from the stored directory, never from the request path. */
export const handleArtifact = workerRoute(async ({ db, req, tokenId, params }) => {
  const attempt = Number(new URL(req.url).searchParams.get("attempt"));
  if (!Number.isInteger(attempt) || attempt <= 0)
    throw new AppError("bad_request", "Query parameter 'attempt' must be a positive integer.");
  const job = await getHeldJobOrThrow(db, parseJobId(params.id), tokenId, attempt);
  const model = await getJobModel(db, job.modelId);
  const names = model.artifactPath ? (await fs.promises.readdir(model.artifactPath)).filter((n) => !n.startsWith(".")) : [];
  const name = decodePathParam(params.file, "file");
  if (!names.includes(name)) throw new AppError("not_found", `The model has no file '${name}'.`);
  const file = path.join(model.artifactPath!, name);
  const { size } = await fs.promises.stat(file);
  return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, {
    headers: { "Content-Type": "application/octet-stream", "Content-Length": String(size) },
  });
});

/**
 * The scheduler's periodic tick: expired leases back to the queue, re-evaluations for new benchmark versions, nightly
 * snapshots, and "evaluation ended" notifications.
 */
export const handleMaintenance = workerRoute(async ({ db }) => {
  const requeued = await db.transaction((tx) => requeueExpiredLeases(tx));
  const reevaluations = await db.transaction((tx) => enqueueReevaluations(tx));
  const snapshots = await maybeCreateNightlySnapshots(db);
  const notifications = await deliverDueNotifications(db, notifyConfigFromEnv());
  return json({ requeued, reevaluations, snapshots, notifications });
}, "scheduler");
