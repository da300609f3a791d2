/**
 * A single result (one evaluation): its permalink page, private-attempt disclosure, per-image explorer and downloads.
 * A public result is for everyone; a private one (or one of a private or hidden model) only for its owner and admins,
 * and for anyone else it is the same 404 as an id nobody has.
 */
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { countRankedOnBoard } from "./ranks";
import { benchmarks, evaluationThumbnails, evaluations, imageResults, models, type EvaluationRow, type ImageResultRow } from "@/db/schema";
import { findBenchmark } from "@/lib/benchmarks";
import { AppError } from "@/lib/errors";
import type { ModelFormat, PreprocessingRecord, Visibility } from "@/lib/types";
import { canViewModel, type Viewer } from "./submissions";

export type ResultModel = {
  slug: string;
  displayName: string;
  family: string;
  ownerName: string;
  paramCount: number | null;
  trainingData: string;
  trainedOnHumanMaps: boolean;
  weightsHash: string | null;
  preprocessing: PreprocessingRecord;
  inputSize: number;
  format: ModelFormat;
  onnxOpset: number | null;
  onnxProducer: string | null;
  isDemo: boolean;
  /** Set while the model is withdrawn from the boards (its result pages stay up, marked). */
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
};

export type ResultDetail = {
  evaluation: EvaluationRow;
  model: ResultModel;
  benchmarkTitle: string;
  isCurrentBenchmarkVersion: boolean;
  /** Ranked rows of the same kind (measured or demo) on this benchmark version. */
  boardSize: number;
  privateAttemptsBefore: number;
  access: ResultAccess;
};

/** Whether everyone may see the result, and what its owner (the viewer, when `isPublic` is false) may do with it. */
export type ResultAccess = {
  isPublic: boolean;
  /** "public" or "withdrawn" (readable by all), or why not: the evaluation or its model is private, or hidden by a moderator. */
  visibility: Visibility;
  viewerIsOwner: boolean;
  /** The owner may publish a private result (a hidden model is a moderator's decision). */
  canPublish: boolean;
};

export function resultAccess(
  e: { visibility: Visibility },
  m: { visibility: Visibility; ownerUserId: string | null },
  viewer: Viewer,
): ResultAccess {
  const shown = e.visibility === "public" && (m.visibility === "public" || m.visibility === "withdrawn");
  const visibility: Visibility = m.visibility === "hidden" ? "hidden" : shown ? m.visibility : "private";
  const viewerIsOwner = !!viewer && m.ownerUserId !== null && viewer.id === m.ownerUserId;
  // A withdrawn model's published results stay readable by everyone (isPublic), marked withdrawn; they are not ranked.
  return {
    isPublic: shown,
    visibility,
    viewerIsOwner,
    canPublish: viewerIsOwner && visibility === "private" && m.visibility !== "withdrawn",
  };
}

const notFound = (evaluationId: number) => new AppError("not_found", `No result ${evaluationId}.`);

/**
 * For each evaluation id: how many evaluations of the same owner's models (the owner's account, or their name when
 * the model has none) on the same benchmark were recorded before it was published and were private at that moment
 * (still private, or published later). Publishing one of those later does not lower the count, nor does deleting
 * their private model (deleted_private_attempts keeps them as counts).
 */
export async function countPrivateAttemptsBefore(db: DbOrTx, evaluationIds: number[]): Promise<Map<number, number>> {
  if (evaluationIds.length === 0) return new Map();
  // The inner tables are aliased by hand: drizzle's alias() prints only the alias name inside raw SQL.
  const n = sql<number>`(
    select count(*) from evaluations p join models pm on pm.id = p.model_id
    where p.benchmark_id = ${evaluations.benchmarkId} and p.id <> ${evaluations.id}
      and (p.visibility = 'private' or pm.visibility = 'private' or p.published_at > coalesce(${evaluations.publishedAt}, ${evaluations.createdAt}))
      and coalesce(pm.owner_user_id, 'name:' || pm.owner_name) = coalesce(${models.ownerUserId}, 'name:' || ${models.ownerName})
      and p.created_at < coalesce(${evaluations.publishedAt}, ${evaluations.createdAt}))
    + (select count(*) from deleted_private_attempts d
    where d.benchmark_id = ${evaluations.benchmarkId}
      and d.owner_key = coalesce(${models.ownerUserId}, 'name:' || ${models.ownerName})
      and d.evaluated_at < coalesce(${evaluations.publishedAt}, ${evaluations.createdAt}))`.mapWith(Number);
  const rows = await db
    .select({ id: evaluations.id, n })
    .from(evaluations)
    .innerJoin(models, eq(models.id, evaluations.modelId))
    .where(inArray(evaluations.id, evaluationIds));
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function getResultOrThrow(db: DbOrTx, evaluationId: number, viewer: Viewer = null): Promise<ResultDetail> {
  const [found] = await db
    .select({
      e: evaluations,
      m: {
        slug: models.slug,
        displayName: models.displayName,
        family: models.family,
        ownerName: models.ownerName,
        paramCount: models.paramCount,
        trainingData: models.trainingData,
        trainedOnHumanMaps: models.trainedOnHumanMaps,
        weightsHash: models.weightsHash,
        preprocessing: models.preprocessing,
        inputSize: models.inputSize,
        format: models.format,
        onnxOpset: models.onnxOpset,
        onnxProducer: models.onnxProducer,
        isDemo: models.isDemo,
        withdrawnAt: models.withdrawnAt,
        withdrawnReason: models.withdrawnReason,
      },
      owner: { visibility: models.visibility, ownerUserId: models.ownerUserId },
      benchmarkTitle: benchmarks.title,
    })
    .from(evaluations)
    .innerJoin(models, eq(models.id, evaluations.modelId))
    .leftJoin(benchmarks, and(eq(benchmarks.id, evaluations.benchmarkId), eq(benchmarks.version, evaluations.benchmarkVersion)))
    .where(eq(evaluations.id, evaluationId));
  if (!found) throw notFound(evaluationId);
  const access = resultAccess(found.e, found.owner, viewer);
  if (!access.isPublic && !canViewModel({ visibility: "private", ownerUserId: found.owner.ownerUserId }, viewer))
    throw notFound(evaluationId);
  const e = found.e;
  const boardSize = await countRankedOnBoard(db, e);
  const attempts = await countPrivateAttemptsBefore(db, [e.id]);
  const def = findBenchmark(e.benchmarkId);
  return {
    evaluation: e,
    model: found.m,
    benchmarkTitle: found.benchmarkTitle ?? def?.title ?? e.benchmarkId,
    isCurrentBenchmarkVersion: def?.version === e.benchmarkVersion,
    boardSize,
    privateAttemptsBefore: attempts.get(e.id) ?? 0,
    access,
  };
}

/** 404 (the same as for a missing id) unless the viewer may see this result; else what they may do with it. */
export async function assertResultVisible(db: DbOrTx, evaluationId: number, viewer: Viewer): Promise<ResultAccess> {
  const [row] = await db
    .select({ e: { visibility: evaluations.visibility }, m: { visibility: models.visibility, ownerUserId: models.ownerUserId } })
    .from(evaluations)
    .innerJoin(models, eq(models.id, evaluations.modelId))
    .where(eq(evaluations.id, evaluationId));
  if (!row) throw notFound(evaluationId);
  const access = resultAccess(row.e, row.m, viewer);
  if (!access.isPublic && !canViewModel({ visibility: "private", ownerUserId: row.m.ownerUserId }, viewer)) throw notFound(evaluationId);
  return access;
}

/** Every per-image row of a result, in image order (the CSV/JSON download); check visibility first. */
export async function listImageResults(db: DbOrTx, evaluationId: number): Promise<ImageResultRow[]> {
  return db.select().from(imageResults).where(eq(imageResults.evaluationId, evaluationId)).orderBy(asc(imageResults.index));
}

export type ImageExtreme = ImageResultRow & { thumbnails: ("saliency" | "human" | "image")[] };

/** The thumbnail kinds stored for each of these images of one result (none: absent from the map). */
export async function thumbnailKinds(db: DbOrTx, evaluationId: number, indices: number[]): Promise<Map<number, ThumbnailKind[]>> {
  const out = new Map<number, ThumbnailKind[]>();
  if (indices.length === 0) return out;
  const rows = await db
    .select({ kind: evaluationThumbnails.kind, imageIndex: evaluationThumbnails.imageIndex })
    .from(evaluationThumbnails)
    .where(and(eq(evaluationThumbnails.evaluationId, evaluationId), inArray(evaluationThumbnails.imageIndex, [...new Set(indices)])))
    .orderBy(desc(evaluationThumbnails.kind));
  for (const t of rows) out.set(t.imageIndex, [...(out.get(t.imageIndex) ?? []), t.kind]);
  return out;
}

/**
 * The images where model and human maps disagree most (lowest Spearman) and agree most (highest), ties broken
 * by image index; images with an undefined Spearman are left out. Thumbnails listed where stored.
 */
export async function getImageExtremes(
  db: DbOrTx,
  evaluationId: number,
  n = 8,
): Promise<{ disagree: ImageExtreme[]; agree: ImageExtreme[]; total: number }> {
  const scope = and(eq(imageResults.evaluationId, evaluationId), isNotNull(imageResults.spearman));
  const [disagree, agree, [count]] = await Promise.all([
    db.select().from(imageResults).where(scope).orderBy(asc(imageResults.spearman), asc(imageResults.index)).limit(n),
    db.select().from(imageResults).where(scope).orderBy(desc(imageResults.spearman), asc(imageResults.index)).limit(n),
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(imageResults)
      .where(scope),
  ]);
  const kinds = await thumbnailKinds(
    db,
    evaluationId,
    [...disagree, ...agree].map((r) => r.index),
  );
  const withThumbs = (r: ImageResultRow): ImageExtreme => ({ ...r, thumbnails: kinds.get(r.index) ?? [] });
  return { disagree: disagree.map(withThumbs), agree: agree.map(withThumbs), total: count.n };
}

const THUMB_KINDS = ["saliency", "human", "image"] as const;
export type ThumbnailKind = (typeof THUMB_KINDS)[number];

/**
 * A stored PNG of a result the viewer may see. Dataset images are served only where the benchmark's licence allows
 * (dataset.imagesShown); model saliency maps and human maps are derived data and always shown.
 */
export async function getThumbnailOrThrow(
  db: DbOrTx,
  evaluationId: number,
  kind: string,
  imageIndex: number,
  viewer: Viewer = null,
): Promise<Buffer> {
  if (!(THUMB_KINDS as readonly string[]).includes(kind)) {
    throw new AppError("bad_request", `Unknown thumbnail kind '${kind}'. Allowed: ${THUMB_KINDS.join(", ")}.`);
  }
  await assertResultVisible(db, evaluationId, viewer);
  const [row] = await db
    .select({ png: evaluationThumbnails.png, benchmarkId: evaluations.benchmarkId })
    .from(evaluationThumbnails)
    .innerJoin(evaluations, eq(evaluations.id, evaluationThumbnails.evaluationId))
    .where(
      and(
        eq(evaluationThumbnails.evaluationId, evaluationId),
        eq(evaluationThumbnails.kind, kind as ThumbnailKind),
        eq(evaluationThumbnails.imageIndex, imageIndex),
      ),
    );
  if (!row) throw new AppError("not_found", `No ${kind} thumbnail for image ${imageIndex} of result ${evaluationId}.`);
  if (kind === "image" && !findBenchmark(row.benchmarkId)?.dataset.imagesShown) {
    throw new AppError("forbidden", `The ${row.benchmarkId} dataset's licence does not allow showing its images.`);
  }
  return row.png;
}
