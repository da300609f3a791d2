import fs from "node:fs/promises";
import { eq, like, or } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { models, type ModelRow, type JobRow, type Preprocessing, type Visibility } from "@/db/schema";
import { eligibleBenchmarksOrThrow } from "@/lib/benchmarks/eligibility";
import { AppError } from "@/lib/errors";
import { validateSubmittedModel, type SubmittedModel } from "@/lib/models/validate-submission";
import { enqueueEvaluation } from "@/lib/queries/jobs";
import { storeModelArtifact } from "@/lib/uploads/store";

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

export function slugify(name: string): string {
  const base = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return base || "model";
}

async function uniqueSlug(db: DbOrTx, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (await db.select({ slug: models.slug }).from(models).where(or(eq(models.slug, base), like(models.slug, `${base}-%`)))).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/**
 * The one way a model enters the leaderboard, for web uploads, API uploads and the demo models alike: validate the
 * files, refuse duplicate weights, store them content-addressed, create the model row and queue its evaluations
 * (every current benchmark whose label space is exactly the model's output; none is a 400). Rows are written in the
 * caller's transaction; the stored files are removed again if that fails and no other model uses them.
 */
export async function registerModel(
  db: DbOrTx,
  input: { dir: string; metadata: SubmissionMetadata; artifactRoot: string; benchmarks?: string[]; isDemo?: boolean },
): Promise<{ model: ModelRow; jobs: JobRow[]; validated: SubmittedModel }> {
  const { metadata } = input;
  const targets = eligibleBenchmarksOrThrow(metadata.numClasses, input.benchmarks);
  const validated = await validateSubmittedModel(input.dir, {
    numClasses: metadata.numClasses,
    logitsNode: metadata.logitsNode ?? undefined,
  });
  const [duplicate] = await db.select().from(models).where(eq(models.weightsHash, validated.weightsHash));
  if (duplicate) {
    throw new AppError("conflict", `These weights are already on the leaderboard as '${duplicate.displayName}' (/models/${duplicate.slug}).`, {
      existing: duplicate.slug,
    });
  }
  let parentId: number | null = null;
  if (metadata.fineTunedFrom) {
    const [parent] = await db.select({ id: models.id }).from(models).where(eq(models.slug, metadata.fineTunedFrom));
    if (!parent) throw new AppError("bad_request", `fineTunedFrom: no model with slug '${metadata.fineTunedFrom}'.`);
    parentId = parent.id;
  }
  const stored = await storeModelArtifact(input.dir, input.artifactRoot);
  try {
    const [model] = await db
      .insert(models)
      .values({
        slug: await uniqueSlug(db, metadata.displayName),
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
        artifactPath: stored.path,
        visibility: metadata.visibility,
        isDemo: input.isDemo ?? false,
      })
      .returning();
    const jobs: JobRow[] = [];
    for (const b of targets) {
      jobs.push(await enqueueEvaluation(db, { modelId: model.id, benchmarkId: b.id, benchmarkVersion: b.version, reason: input.isDemo ? "demo" : "submission" }));
    }
    return { model, jobs, validated };
  } catch (err) {
    const [user] = await db.select({ id: models.id }).from(models).where(eq(models.artifactPath, stored.path));
    if (!user) await fs.rm(stored.path, { recursive: true, force: true });
    throw err;
  }
}
