/**
 * POST /api/v1/submissions: authenticate (token, or session + same origin), check the per-user limit, stream the
 * upload to disk under a cap, parse the metadata, and register the model in one transaction. Every temporary file
 * is removed in all cases; registerModel keeps stored files only if the model row committed.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/db";
import { requireCaller, type Caller } from "@/lib/auth/caller";
import type { SlidingWindowLimiter } from "@/lib/auth/rate-limit";
import type { Auth } from "@/lib/auth/server";
import { AppError } from "@/lib/errors";
import { assertUnderSubmissionLimit, getManagedModelOrThrow, lockUserSubmissions, setPreviousVersion } from "@/lib/queries/submissions";
import type { ModelLimits } from "@/lib/types/model-limits";
import { formatLabel } from "@/lib/submissions/format-label";
import { registerModel } from "@/lib/submissions/register";
import { receiveMultipartUpload } from "@/lib/uploads/multipart";
import { assembleModelDirectory } from "./submissions-files";
import { parseSubmissionFields, SUBMISSION_FIELDS, type SubmissionFields } from "@/lib/types/submission-metadata";
import { json } from "./private-json";
import { answer } from "./route-errors";
import { countRejection, refuseIfTooManyRejections, rejectionKey } from "./submission-rejections";

export type SubmissionDeps = {
  db: Db;
  auth: Auth;
  siteOrigin: string;
  /** DATA_DIR: uploads are received under DATA_DIR/tmp, models stored under DATA_DIR/models. */
  dataDir: string;
  maxUploadBytes: number;
  submissionsPerDay: number;
  /** Counts refused uploads per user (or per address without a caller); see submission-rejections.ts. */
  rejectedUploads: SlidingWindowLimiter;
  /** Limits on the model's files (zip and directory); DEFAULT_MODEL_LIMITS unless a deployment or test says otherwise. */
  modelLimits?: ModelLimits;
};

export const MAX_FILES = 201; // model.json + the 200 files a model directory may hold

function parseOrThrow(fields: Record<string, string>): SubmissionFields {
  const parsed = parseSubmissionFields(fields);
  if (parsed.ok) return parsed.value;
  const [first, ...rest] = parsed.errors;
  const more = rest.length ? ` (and ${rest.length} more)` : "";
  throw new AppError("bad_request", `${first.message}${more}`, { fields: parsed.errors });
}

function register(deps: SubmissionDeps, caller: Caller, meta: SubmissionFields, dir: string) {
  const { previousVersion, ...metadata } = meta;
  let previous: { id: number } | null = null;
  return registerModel(deps.db, {
    dir,
    artifactRoot: deps.dataDir,
    limits: deps.modelLimits,
    metadata: { ...metadata, ownerName: caller.name, ownerUserId: caller.id },
    before: async (tx) => {
      await lockUserSubmissions(tx, caller.id);
      await assertUnderSubmissionLimit(tx, caller.id, deps.submissionsPerDay);
      previous = previousVersion ? await getManagedModelOrThrow(tx, previousVersion, caller) : null;
    },
    after: async (tx, model) => {
      if (previous) await setPreviousVersion(tx, model.id, previous.id);
    },
  });
}

export async function handleCreateSubmission(deps: SubmissionDeps, req: Request): Promise<Response> {
  let rejection = rejectionKey(null, req.headers);
  return answer(
    async () => {
      let caller: Caller;
      try {
        caller = await requireCaller(deps.db, deps.auth, req, deps.siteOrigin);
      } catch (err) {
        refuseIfTooManyRejections(deps.rejectedUploads, rejection);
        throw err;
      }
      rejection = rejectionKey(caller, req.headers);
      refuseIfTooManyRejections(deps.rejectedUploads, rejection);
      // Checked before the upload too, so a limited user does not send 500 MB to be refused.
      await assertUnderSubmissionLimit(deps.db, caller.id, deps.submissionsPerDay);
      const tmpRoot = path.join(deps.dataDir, "tmp");
      await mkdir(tmpRoot, { recursive: true });
      const upload = await receiveMultipartUpload(req, {
        tmpRoot,
        maxBytes: deps.maxUploadBytes,
        maxFiles: MAX_FILES,
        fields: [...SUBMISSION_FIELDS],
      });
      const workDir = await mkdtemp(path.join(tmpRoot, "model-"));
      try {
        const meta = parseOrThrow(upload.fields);
        const modelDir = path.join(workDir, "model");
        await assembleModelDirectory(upload.files, modelDir, deps.modelLimits);
        const { model, jobs, validated } = await register(deps, caller, meta, modelDir);
        return json(
          {
            model: {
              slug: model.slug,
              display_name: model.displayName,
              visibility: model.visibility,
              format: model.format,
              onnx_opset: model.onnxOpset,
              onnx_producer: model.onnxProducer,
              format_label: formatLabel(model),
              param_count: model.paramCount,
              weights_hash: model.weightsHash,
              num_classes: model.numClasses,
              previous_version: meta.previousVersion,
              status_url: `/submissions/${model.slug}`,
            },
            jobs: jobs.map((j) => ({
              id: j.id,
              benchmark: { id: j.benchmarkId, version: j.benchmarkVersion },
              status: j.status,
              status_url: `/api/v1/jobs/${j.id}`,
            })),
            warnings: validated.lastLayerSoftmax
              ? ["The output ends in a softmax; saliency is taken on the pre-softmax logits (protocol §3), so the evaluation drops it."]
              : [],
          },
          201,
        );
      } finally {
        await upload.cleanup();
        await rm(workDir, { recursive: true, force: true });
      }
    },
    (err) => countRejection(deps.rejectedUploads, rejection, err),
  );
}
