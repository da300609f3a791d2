/** One row of a benchmark version's board: the shape shared by the query layer, the table and the downloads. */
export type LeaderboardRow = {
  /** Competition rank by alignment within the benchmark version, among rows of the same kind (measured or demo). */
  rank: number;
  /** The best rank the 95% intervals admit (1 + rows whose lower bound is above this row's upper bound). */
  rankBest: number;
  /** Whether this row's interval overlaps another row's: its rank is statistically tied. */
  tied: boolean;
  tiedWith: number;
  /** The result shown in this row (its page is /results/{id}). */
  evaluationId: number;
  modelId: number;
  slug: string;
  displayName: string;
  family: string;
  paramCount: number | null;
  trainingData: string;
  trainedOnHumanMaps: boolean;
  isDemo: boolean;
  top1: number | null;
  top1Ci: [number, number] | null;
  alignment: number | null;
  alignmentCi: [number, number] | null;
  nImages: number;
  nUndefined: number;
  /** ISO 8601. */
  evaluatedAt: string;
  benchmarkVersion: number;
};
