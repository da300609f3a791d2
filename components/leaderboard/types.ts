/** The row shape the table renders: structurally the query layer's LeaderboardRow (components never import it). */
export type BoardRow = {
  rank: number;
  rankBest: number;
  tied: boolean;
  tiedWith: number;
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
  evaluatedAt: string;
  benchmarkVersion: number;
};
