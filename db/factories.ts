/** Rows for tests and benchmarks: valid defaults, any field overridable. Not for production data. */
import type { Db, DbOrTx } from "./client";
import {
  evaluations,
  models,
  type EvaluationRow,
  type MetricScore,
  type ModelRow,
  type NewEvaluationRow,
  type NewModelRow,
} from "./schema";

let counter = 0;

export function buildModel(overrides: Partial<NewModelRow> = {}): NewModelRow {
  counter += 1;
  const slug = overrides.slug ?? `model-${process.pid}-${counter}`;
  return {
    slug,
    displayName: `Model ${counter}`,
    ownerName: "Test Owner",
    family: "ResNet",
    paramCount: 25_557_032,
    trainingData: "ImageNet-1k",
    trainedOnHumanMaps: false,
    preprocessing: { scale: 1, mean: [0, 0, 0], std: [1, 1, 1] },
    ...overrides,
  };
}

type Interval = [number, number] | null;

export type EvaluationOverrides = Partial<NewEvaluationRow> & { alignmentCi?: Interval; top1Ci?: Interval };

export function buildEvaluation(model: Pick<ModelRow, "id" | "isDemo">, overrides: EvaluationOverrides = {}): NewEvaluationRow {
  const { alignmentCi, top1Ci, ...rest } = overrides;
  const alignment = rest.alignment === undefined ? 0.4 : rest.alignment;
  const top1 = rest.top1 === undefined ? 0.7 : rest.top1;
  const aCi: Interval = alignmentCi !== undefined ? alignmentCi : alignment === null ? null : [alignment - 0.02, alignment + 0.02];
  const tCi: Interval = top1Ci !== undefined ? top1Ci : top1 === null ? null : [top1 - 0.01, top1 + 0.01];
  const scores: Record<string, MetricScore> = {};
  if (alignment !== null) scores.alignment = { value: alignment, ci95: aCi };
  if (top1 !== null) scores.top1 = { value: top1, ci95: tCi };
  return {
    modelId: model.id,
    benchmarkId: "clickme",
    benchmarkVersion: 1,
    isDemo: model.isDemo,
    scores,
    alignmentLo: aCi?.[0] ?? null,
    alignmentHi: aCi?.[1] ?? null,
    top1Lo: tCi?.[0] ?? null,
    top1Hi: tCi?.[1] ?? null,
    nImages: 1000,
    ...rest,
    alignment,
    top1,
  };
}

export async function createModel(db: DbOrTx | Db, overrides: Partial<NewModelRow> = {}): Promise<ModelRow> {
  const [row] = await db.insert(models).values(buildModel(overrides)).returning();
  return row;
}

/** Inserts an evaluation; call recomputeRanks (lib/queries/ranks) afterwards to put it on the board. */
export async function createEvaluation(
  db: DbOrTx | Db,
  model: Pick<ModelRow, "id" | "isDemo">,
  overrides: EvaluationOverrides = {},
): Promise<EvaluationRow> {
  const [row] = await db.insert(evaluations).values(buildEvaluation(model, overrides)).returning();
  return row;
}
