import type { PreprocessingRecord } from "@/lib/types";
import type { StoredProvenance } from "@/lib/types/provenance";
/** What the model page renders: structurally the query layer's ModelDetail (components never import it). */
export type MetricScoreView = { value: number; ci95: [number, number] | null };

export type ModelView = {
  slug: string;
  displayName: string;
  description: string;
  ownerName: string;
  family: string;
  paramCount: number | null;
  trainingData: string;
  trainedOnHumanMaps: boolean;
  paperUrl: string | null;
  codeUrl?: string | null;
  weightsUrl?: string | null;
  licence: string | null;
  preprocessing: PreprocessingRecord;
  inputSize: number;
  format: string;
  weightsHash: string | null;
  isDemo: boolean;
  createdAt: Date | string;
};

export type EvaluationView = {
  id: number;
  benchmarkId: string;
  benchmarkVersion: number;
  benchmarkTitle: string;
  isCurrentBenchmarkVersion: boolean;
  isCurrent: boolean;
  isDemo: boolean;
  scores: Record<string, MetricScoreView>;
  nImages: number;
  nUndefined: number;
  /** The one provenance schema (lib/types/provenance.ts); null for demo rows. */
  provenance: StoredProvenance | null;
  createdAt: Date | string;
  /** "private": the owner's view shows it, marked; nobody else is shown it. */
  visibility?: string;
};

export type ModelLinkView = { slug: string; displayName: string; isDemo: boolean };
export type RankView = { rank: number; rankBest: number; total: number; version: number };

/** One dated entry of a model's history (structurally lib/queries' ModelHistoryRow). */
export type HistoryEntryView = {
  id: number;
  action: "edit" | "withdraw" | "reinstate";
  actorName: string | null;
  actorRole: "owner" | "admin";
  changes: { field: string; from: string | null; to: string | null }[];
  reason: string | null;
  createdAt: Date;
};
