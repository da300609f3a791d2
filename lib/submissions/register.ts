import fs from "node:fs/promises";
import type { DbOrTx, Tx } from "@/db";
import type { ModelRow, JobRow, Preprocessing, Visibility } from "@/db/schema";
import { eligibleBenchmarksOrThrow } from "@/lib/benchmarks/eligibility";
import type { ModelLimits } from "@/lib/types/model-limits";
import { validateSubmittedModel, type SubmittedModel } from "@/lib/models/validate-submission";
import { enqueueEvaluation } from "@/lib/queries/jobs";
import {
  assertNotDuplicate,
  getParentModelIdOrThrow,
  insertModelOrConflict,
  lockWeights,
  releaseArtifactIfUnused,
} from "@/lib/queries/model-registration";
import { storeModelArtifact } from "@/lib/uploads/store";

export { slugify } from "@/lib/queries/model-registration";

export type SubmissionMetadata = {
  displayName: string;
  description: string;
  family: string;
  trainingData: string;
  trainedOnHumanMaps: boolean;
  fineTunedFrom: string | null;
  paperUrl: string | null;
  licence: string | null;
  preprocessing: Preprocessing;
  logitsNode: string | null;
  numClasses: number;
  visibility: Extract<Visibility, "public" | "private">;
  ownerName: string;
  ownerUserId: string | null;
};

export type RegisterInput = {
  dir: string;
  metadata: SubmissionMetadata;
  artifactRoot: string;
  benchmarks?: string[];
  isDemo?: boolean;
  limits?: ModelLimits;
  /** Runs first in the registration's transaction (the caller's locks and limits). */
  before?: (tx: Tx) => Promise<void>;
  /** Runs last in it, with the new row (e.g. linking a previous version). */
  after?: (tx: Tx, model: ModelRow) => Promise<void>;
};

/**
 * The one way a model enters the leaderboard, for web uploads, API uploads and the demo models alike: validate the
 * files (outside any transaction: it is the slow part), then in one transaction lock the weights' hash, refuse
 * duplicates (the same weights and preprocessing among the owner's models and the public ones), store the files content-addressed, insert the model and queue its evaluations (every current
 * benchmark whose label space is exactly the model's output; none is a 400). If that transaction fails after the
 * files were stored, they are removed once, in a transaction of their own, unless another model row uses them.
 */
export async function registerModel(
  db: DbOrTx,
  input: RegisterInput,
): Promise<{ model: ModelRow; jobs: JobRow[]; validated: SubmittedModel }> {
  const { metadata } = input;
  const targets = eligibleBenchmarksOrThrow(metadata.numClasses, input.benchmarks);
  const validated = await validateSubmittedModel(input.dir, {
    limits: input.limits,
    numClasses: metadata.numClasses,
    logitsNode: metadata.logitsNode ?? undefined,
  });
  let storedPath: string | null = null;
  try {
    return await db.transaction(async (tx) => {
      await input.before?.(tx);
      await lockWeights(tx, validated.weightsHash);
      await assertNotDuplicate(tx, {
        weightsHash: validated.weightsHash,
        preprocessing: metadata.preprocessing,
        ownerUserId: metadata.ownerUserId,
      });
      const parentId = metadata.fineTunedFrom ? await getParentModelIdOrThrow(tx, metadata.fineTunedFrom, metadata.ownerUserId) : null;
      storedPath = (await storeModelArtifact(input.dir, input.artifactRoot)).path;
      const model = await insertModelOrConflict(tx, {
        displayName: metadata.displayName,
        description: metadata.description,
        ownerName: metadata.ownerName,
        ownerUserId: metadata.ownerUserId,
        family: metadata.family,
        paramCount: validated.paramCount,
        trainingData: metadata.trainingData,
        trainedOnHumanMaps: metadata.trainedOnHumanMaps,
        fineTunedFromId: parentId,
        paperUrl: metadata.paperUrl,
        licence: metadata.licence,
        preprocessing: metadata.preprocessing,
        numClasses: metadata.numClasses,
        format: validated.format,
        logitsNode: validated.logitsNode,
        onnxOpset: validated.onnx?.opset ?? null,
        onnxProducer: validated.onnx?.producer ?? null,
        weightsHash: validated.weightsHash,
        artifactPath: storedPath,
        visibility: metadata.visibility,
        isDemo: input.isDemo ?? false,
      });
      const jobs: JobRow[] = [];
      for (const b of targets) {
        jobs.push(
          await enqueueEvaluation(tx, {
            modelId: model.id,
            benchmarkId: b.id,
            benchmarkVersion: b.version,
            reason: input.isDemo ? "demo" : "submission",
          }),
        );
      }
      await input.after?.(tx, model);
      return { model, jobs, validated };
    });
  } catch (err) {
    if (storedPath) {
      const dir = storedPath;
      await releaseArtifactIfUnused(db, { path: dir, weightsHash: validated.weightsHash }, (d) =>
        fs.rm(d, { recursive: true, force: true }),
      );
    }
    throw err;
  }
}
