/**
 * Scores across tracks (issue #13 item 4): every public model's current evaluation on each benchmark's current version,
 * for the cross-track scatter (/tracks) and the comparison page (/compare). Public data only: these views are cited.
 */
import { and, asc, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { evaluations, imageResults, models, type MetricScore } from "@/db/schema";
import { BENCHMARKS } from "@/lib/benchmarks";
import { PsychophysicsReportSchema } from "@/lib/queue/psychophysics-report";
import { containsPattern } from "./models";

/** A "how" result's curve: accuracy and image count per level (the full image last), with the human curve it was scored against. */
export type HowCurve = { modelAccuracy: (number | null)[]; nPerLevel: number[]; humanMeanCorrect: number[]; revealedPercent: number[] };

export type TrackScore = {
  modelSlug: string;
  displayName: string;
  family: string;
  isDemo: boolean;
  trainedOnHumanMaps: boolean;
  benchmarkId: string;
  benchmarkVersion: number;
  evaluationId: number;
  scores: Record<string, MetricScore>;
  how: HowCurve | null;
};

/** The psychophysics block a "how" result keeps in its provenance, when it is there and well-formed. */
export function howCurveOf(provenance: unknown): HowCurve | null {
  const block = (provenance as { psychophysics?: unknown } | null)?.psychophysics;
  const parsed = PsychophysicsReportSchema.safeParse(block);
  if (!parsed.success) return null;
  const p = parsed.data;
  return {
    modelAccuracy: p.model_accuracy,
    nPerLevel: p.n_per_level,
    humanMeanCorrect: p.human_mean_correct,
    revealedPercent: p.revealed_percent,
  };
}

const current = () => or(...BENCHMARKS.map((b) => and(eq(evaluations.benchmarkId, b.id), eq(evaluations.benchmarkVersion, b.version))))!;

async function select(db: DbOrTx, where: ReturnType<typeof and>): Promise<TrackScore[]> {
  const rows = await db
    .select({
      slug: models.slug,
      displayName: models.displayName,
      family: models.family,
      isDemo: evaluations.isDemo,
      trainedOnHumanMaps: models.trainedOnHumanMaps,
      benchmarkId: evaluations.benchmarkId,
      benchmarkVersion: evaluations.benchmarkVersion,
      id: evaluations.id,
      scores: evaluations.scores,
      provenance: evaluations.provenance,
    })
    .from(evaluations)
    .innerJoin(models, eq(models.id, evaluations.modelId))
    .where(and(eq(evaluations.isCurrent, true), eq(evaluations.visibility, "public"), eq(models.visibility, "public"), current(), where))
    .orderBy(models.displayName, models.slug, evaluations.benchmarkId);
  return rows.map((r) => ({
    modelSlug: r.slug,
    displayName: r.displayName,
    family: r.family,
    isDemo: r.isDemo,
    trainedOnHumanMaps: r.trainedOnHumanMaps,
    benchmarkId: r.benchmarkId,
    benchmarkVersion: r.benchmarkVersion,
    evaluationId: r.id,
    scores: r.scores,
    how: howCurveOf(r.provenance),
  }));
}

/** Every public model's current scores on the given benchmarks' current versions. */
export function listTrackScores(db: DbOrTx, benchmarkIds: string[]): Promise<TrackScore[]> {
  if (benchmarkIds.length === 0) return Promise.resolve([]);
  return select(db, inArray(evaluations.benchmarkId, benchmarkIds));
}

/** The named public models' current scores on every track; `found` lists which slugs name a public model. */
export async function getComparison(
  db: DbOrTx,
  slugs: string[],
): Promise<{ scores: TrackScore[]; found: { slug: string; displayName: string; isDemo: boolean }[] }> {
  if (slugs.length === 0) return { scores: [], found: [] };
  const found = await db
    .select({ slug: models.slug, displayName: models.displayName, isDemo: models.isDemo })
    .from(models)
    .where(and(inArray(models.slug, slugs), eq(models.visibility, "public")));
  const scores = await select(db, inArray(models.slug, slugs));
  return { scores, found: slugs.flatMap((s) => found.filter((f) => f.slug === s)) };
}

/** Slugs matching a search, for the comparison page's picker (public models, name or slug, all words). */
export async function searchPublicModels(db: DbOrTx, q: string, limit = 10): Promise<{ slug: string; displayName: string }[]> {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length === 0) return [];
  const conds = words.map(
    (w) => sql`(lower(${models.displayName}) like ${containsPattern(w)} or ${models.slug} like ${containsPattern(w)})`,
  );
  return db
    .select({ slug: models.slug, displayName: models.displayName })
    .from(models)
    .where(and(eq(models.visibility, "public"), ...conds))
    .orderBy(models.displayName)
    .limit(limit);
}

export type ImageRow = { index: number; label: number; byEvaluation: Record<number, { spearman: number | null; correct: boolean }> };

/**
 * Per-image rows side by side: the images each of the given results (same benchmark version) agrees least with
 * people on, `perResult` each, and every result's ρ and decision on each of those images.
 */
export async function compareImages(db: DbOrTx, evaluationIds: number[], perResult = 3): Promise<ImageRow[]> {
  if (evaluationIds.length === 0) return [];
  const worst = await Promise.all(
    evaluationIds.map((id) =>
      db
        .select({ index: imageResults.index })
        .from(imageResults)
        .where(and(eq(imageResults.evaluationId, id), isNotNull(imageResults.spearman)))
        .orderBy(asc(imageResults.spearman), asc(imageResults.index))
        .limit(perResult),
    ),
  );
  const indices = [...new Set(worst.flat().map((r) => r.index))];
  if (indices.length === 0) return [];
  const rows = await db
    .select()
    .from(imageResults)
    .where(and(inArray(imageResults.evaluationId, evaluationIds), inArray(imageResults.index, indices)))
    .orderBy(asc(imageResults.index));
  const byIndex = new Map<number, ImageRow>();
  for (const r of rows) {
    const row = byIndex.get(r.index) ?? { index: r.index, label: r.label, byEvaluation: {} };
    row.byEvaluation[r.evaluationId] = { spearman: r.spearman, correct: r.correct };
    byIndex.set(r.index, row);
  }
  return indices.map((i) => byIndex.get(i)!).filter(Boolean);
}
