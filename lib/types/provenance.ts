/**
 * The one shape of an evaluation's provenance, in one spelling (snake_case, as the public API publishes it): the
 * engine builds it (lib/evaluation/result.ts, lib/evaluation/psychophysics/command.ts, typed by z.infer), the worker
 * protocol validates it in a report (lib/queue/protocol.ts: a malformed one is 422 invalid_report naming the field),
 * the site stores it as reported plus what only the site knows (worker, job_id, attempt), the API serves it and the
 * result page reads it through StoredProvenance. Migration 0013 rewrote rows stored before in the old mixed spelling.
 */
import { z } from "zod";
import { PsychophysicsReportSchema } from "@/lib/queue/psychophysics-report";
import { CrossCheckSchema } from "./cross-check";

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "must be a sha256 in lowercase hex");
const count = z.number().int().nonnegative();
const positive = z.number().int().positive();

/**
 * The engine that computed the saliency: a tfjs backend (wasm, tensorflow, cpu) or onnxruntime ("ort", "ort-cuda")
 * with its intra-op threads; native_fallback says why onnxruntime was asked for but not used for this model.
 */
export const BackendInfoSchema = z.strictObject({
  name: z.string().min(1).max(40),
  version: z.string().max(200),
  threads: positive.max(1024).optional(),
  native_fallback: z.string().max(1000).optional(),
});
export type BackendInfo = z.infer<typeof BackendInfoSchema>;

/** The split evaluated: the fingerprint of its files and how many images it holds (the run may use fewer: run.limit). */
export const DatasetInfoSchema = z.strictObject({ sha256: sha256Hex, n_images: count });
export type DatasetInfo = z.infer<typeof DatasetInfoSchema>;

/** The machine the evaluation ran on (lib/evaluation/provenance.ts); cpu_model is null where the OS names none. */
export const HardwareSchema = z.strictObject({
  cpu_model: z.string().max(500).nullable(),
  cpu_count: count.max(65_536),
  memory_bytes: count,
  platform: z.string().max(500),
  node: z.string().max(100),
});
export type Hardware = z.infer<typeof HardwareSchema>;

export const RunSettingsSchema = z.strictObject({
  limit: positive.nullable(),
  batch_size: positive,
  workers: positive.max(1024),
  /** Threads per process for decoding and scoring beside the engine (absent: before they existed, i.e. none). */
  cpu_threads: count.max(256).optional(),
});
export type RunSettings = z.infer<typeof RunSettingsSchema>;

export const ProvenancePreprocessingSchema = z.strictObject({
  scale: z.number().finite(),
  mean: z.tuple([z.number(), z.number(), z.number()]),
  std: z.tuple([z.number(), z.number(), z.number()]),
});

/** What the engine reports: everything needed to reproduce the number (and to cite what produced it). */
export const ProvenanceSchema = z.strictObject({
  /** `git describe --always --dirty --tags` of the engine's checkout, else v<package version>. */
  code_version: z.string().min(1).max(200),
  dataset: DatasetInfoSchema,
  weights_hash: sha256Hex,
  model_format: z.enum(["layers", "graph", "onnx"]),
  param_count: count,
  preprocessing: ProvenancePreprocessingSchema,
  explainer: z.string().min(1).max(500),
  backend: BackendInfoSchema,
  hardware: HardwareSchema,
  run: RunSettingsSchema,
  /** ONNX models checked against onnxruntime (lib/models/ort/cross-check.ts); absent otherwise. */
  cross_check: CrossCheckSchema.optional(),
  started_at: z.iso.datetime(),
  finished_at: z.iso.datetime(),
  duration_ms: count,
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

/**
 * What is stored and published: the reported provenance as it came, plus what only the site knows, and a "how"
 * benchmark's curves. Rows stored before the one spelling were converted without inventing anything, so in them a
 * field the old row did not hold is absent (hence every engine field is optional here; rows stored since hold all).
 */
export const StoredProvenanceSchema = ProvenanceSchema.partial().extend({
  // An old row's fingerprint and weights hash are kept as they were, even where today's report check is stricter.
  dataset: z.strictObject({ sha256: z.string(), n_images: count }).partial().optional(),
  weights_hash: z.string().optional(),
  hardware: HardwareSchema.partial().optional(),
  /** The name of the worker that ran it (null: the worker gave none). */
  worker: z.string().max(100).nullable().optional(),
  job_id: positive.optional(),
  attempt: positive.optional(),
  /** "How" benchmarks: the model and human curves, their score and where the human curve came from. */
  psychophysics: PsychophysicsReportSchema.optional(),
});
export type StoredProvenance = z.infer<typeof StoredProvenanceSchema>;

/** What the site adds to a report's provenance when it stores it. */
export type SiteProvenance = { worker: string | null; job_id: number; attempt: number };
