import { and, asc, count, desc, eq, ilike, inArray, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { benchmarks, evaluations, modelHistory, models, type EvaluationRow, type ModelHistoryRow, type ModelRow } from "@/db/schema";
import { BENCHMARKS } from "@/lib/benchmarks";
import { AppError } from "@/lib/errors";
import { canManageModel, canViewModel, type Viewer } from "./submissions";

export async function listModelHistory(db: DbOrTx, modelId: number): Promise<ModelHistoryRow[]> {
  return db
    .select()
    .from(modelHistory)
    .where(eq(modelHistory.modelId, modelId))
    .orderBy(desc(modelHistory.createdAt), desc(modelHistory.id));
}

export type ModelLink = { slug: string; displayName: string; isDemo: boolean };

export type ModelEvaluation = EvaluationRow & { benchmarkTitle: string; isCurrentBenchmarkVersion: boolean };

export type ModelDetail = {
  model: ModelRow;
  /**
   * Every evaluation the viewer may see (public ones; the owner also sees private ones): current benchmark versions
   * first, then older versions, newest first.
   */
  evaluations: ModelEvaluation[];
  /** The viewer owns the model (or moderates): the page and the API show it with its private parts, marked. */
  ownerView: boolean;
  /** Dated edits, withdrawals and reinstatements, newest first (public: they explain what readers see). */
  history: ModelHistoryRow[];
  /** What is shown differs from what anyone else sees (a private or hidden model, or a private result): never cached. */
  showsPrivate: boolean;
  parent: ModelLink | null;
  children: ModelLink[];
  /** Other public models with identical weights (under another preprocessing, or another account's); never private ones. */
  sameWeights: ModelLink[];
  /** Keyed by benchmark id: the model's rank on each benchmark's current version; total = rows of its kind. */
  rankByBenchmark: Record<string, { rank: number; rankBest: number; total: number; version: number }>;
};

const PUBLIC = "public";
const link = { slug: models.slug, displayName: models.displayName, isDemo: models.isDemo };

/** Models a viewer may be shown as links: public and withdrawn ones (their pages stay up) and their own. */
function linkable(viewer: Viewer) {
  const isPublic = inArray(models.visibility, [PUBLIC, "withdrawn"]);
  return viewer ? or(isPublic, eq(models.ownerUserId, viewer.id))! : isPublic;
}

/**
 * One model for its page and GET /models/:slug. A private or hidden model is for its owner and admins only; anyone
 * else gets the same 404 as for a slug nobody has.
 */
export async function getModelDetailOrThrow(db: DbOrTx, slug: string, viewer: Viewer = null): Promise<ModelDetail> {
  const [model] = await db.select().from(models).where(eq(models.slug, slug));
  if (!model || !canViewModel(model, viewer)) throw new AppError("not_found", `No model '${slug}'.`);
  const ownerView = canManageModel(model, viewer);

  const evals = await db
    .select({ e: evaluations, benchmarkTitle: benchmarks.title })
    .from(evaluations)
    .leftJoin(benchmarks, and(eq(benchmarks.id, evaluations.benchmarkId), eq(benchmarks.version, evaluations.benchmarkVersion)))
    .where(ownerView ? eq(evaluations.modelId, model.id) : and(eq(evaluations.modelId, model.id), eq(evaluations.visibility, PUBLIC)))
    .orderBy(asc(evaluations.benchmarkId), desc(evaluations.benchmarkVersion), desc(evaluations.createdAt));

  const currentVersion = new Map(BENCHMARKS.map((b) => [b.id, b.version]));
  const withTitles: ModelEvaluation[] = evals.map(({ e, benchmarkTitle }) => ({
    ...e,
    benchmarkTitle: benchmarkTitle ?? BENCHMARKS.find((b) => b.id === e.benchmarkId)?.title ?? e.benchmarkId,
    isCurrentBenchmarkVersion: currentVersion.get(e.benchmarkId) === e.benchmarkVersion,
  }));
  // Stable sort: current versions first, keeping the SQL order inside each group.
  withTitles.sort((a, b) => Number(b.isCurrentBenchmarkVersion) - Number(a.isCurrentBenchmarkVersion));

  const [parent] = model.fineTunedFromId
    ? await db
        .select(link)
        .from(models)
        .where(and(eq(models.id, model.fineTunedFromId), linkable(viewer)))
    : [];
  const children = await db
    .select(link)
    .from(models)
    .where(and(eq(models.fineTunedFromId, model.id), linkable(viewer)))
    .orderBy(asc(models.slug));

  const sameWeights = model.weightsHash
    ? await db
        .select(link)
        .from(models)
        .where(and(eq(models.weightsHash, model.weightsHash), ne(models.id, model.id), eq(models.visibility, PUBLIC)))
        .orderBy(asc(models.id))
    : [];

  const rankByBenchmark: ModelDetail["rankByBenchmark"] = {};
  for (const e of withTitles) {
    if (!e.isCurrentBenchmarkVersion || !e.isCurrent || e.rank === null) continue;
    const [pool] = await db
      .select({ n: count() })
      .from(evaluations)
      .where(
        and(
          eq(evaluations.benchmarkId, e.benchmarkId),
          eq(evaluations.benchmarkVersion, e.benchmarkVersion),
          eq(evaluations.isCurrent, true),
          eq(evaluations.isDemo, e.isDemo),
          sql`${evaluations.rank} is not null`,
        ),
      );
    rankByBenchmark[e.benchmarkId] = {
      rank: e.rank,
      rankBest: e.rankBest ?? e.rank,
      total: pool.n,
      version: e.benchmarkVersion,
    };
  }
  const shownToAll = model.visibility === PUBLIC || model.visibility === "withdrawn";
  const showsPrivate = !shownToAll || withTitles.some((e) => e.visibility !== PUBLIC);
  const history = await listModelHistory(db, model.id);
  return {
    model,
    evaluations: withTitles,
    ownerView,
    showsPrivate,
    parent: parent ?? null,
    children,
    sameWeights,
    rankByBenchmark,
    history,
  };
}

export type ModelListItem = Pick<
  ModelRow,
  "id" | "slug" | "displayName" | "family" | "paramCount" | "trainingData" | "trainedOnHumanMaps" | "isDemo" | "ownerName" | "createdAt"
>;

export type ListModelsOptions = { q?: string; family?: string[]; page: number; pageSize: number };

/** Public models, alphabetical, with the same text search as the board (name, slug, family). */
/** A LIKE / ILIKE pattern matching `text` anywhere, its wildcards (%, _) and backslashes taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listModels(
  db: DbOrTx,
  { q, family, page, pageSize }: ListModelsOptions,
): Promise<{ rows: ModelListItem[]; total: number; page: number; pageSize: number }> {
  const conds = [eq(models.visibility, PUBLIC)];
  if (family?.length) conds.push(inArray(models.family, family));
  if (q) {
    const pattern = containsPattern(q);
    conds.push(or(ilike(models.displayName, pattern), ilike(models.slug, pattern), ilike(models.family, pattern))!);
  }
  const rows = await db
    .select({
      id: models.id,
      slug: models.slug,
      displayName: models.displayName,
      family: models.family,
      paramCount: models.paramCount,
      trainingData: models.trainingData,
      trainedOnHumanMaps: models.trainedOnHumanMaps,
      isDemo: models.isDemo,
      ownerName: models.ownerName,
      createdAt: models.createdAt,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(models)
    .where(and(...conds))
    .orderBy(sql`lower(${models.displayName})`, asc(models.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page > 1) {
    const [c] = await db
      .select({ n: count() })
      .from(models)
      .where(and(...conds));
    total = c.n;
  }
  return { rows: rows.map(({ total: _t, ...r }) => r), total, page, pageSize };
}

/** Whether any model carries this display name (the demo models are registered once, by name). */
export async function modelWithDisplayNameExists(db: DbOrTx, displayName: string): Promise<boolean> {
  const [row] = await db.select({ id: models.id }).from(models).where(eq(models.displayName, displayName)).limit(1);
  return row !== undefined;
}
