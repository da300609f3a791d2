import { z } from "zod";
import { findBenchmark } from "@/lib/benchmarks";
import { BackendInfoSchema, ProvenanceSchema } from "@/lib/types/provenance";
import { PsychophysicsReportSchema, psychophysicsInconsistencies } from "./psychophysics-report";

/** The worker protocol: request and response bodies shared by the site (app/api/v1/worker) and jobs/worker.ts. */

export const FAILURE_CLASSES = ["invalid_model", "oom", "timeout", "transient"] as const;
export const FailureClassSchema = z.enum(FAILURE_CLASSES);
export type FailureClass = z.infer<typeof FailureClassSchema>;

const unit = z.number().min(0).max(1);
const rho = z.number().min(-1).max(1);
const ci = z.tuple([z.number(), z.number()]).nullable();

export const PerImageSchema = z.object({
  index: z.number().int().nonnegative(),
  shard: z.string().max(200),
  label: z.number().int().nonnegative(),
  spearman: rho.nullable(),
  correct: z.boolean(),
  dice: unit.nullable().optional(),
  iou: unit.nullable().optional(),
  /** Psychophysics benchmarks: the stimulus's level, 0..10 (10 = the full image). */
  level: z.number().int().min(0).max(10).optional(),
});

/**
 * Float sums in another order and the bootstrap's percentiles may differ from the recomputed value by rounding;
 * anything past this is a different number, not rounding.
 */
const TOLERANCE = 1e-9;
const near = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));

const EvaluationReportShape = z.object({
  benchmark: z.object({ id: z.string(), version: z.number().int().positive() }),
  n_images: z.number().int().nonnegative(),
  n_undefined: z.number().int().nonnegative(),
  // mean ρ / ceiling: |mean ρ| ≤ 1, so a model past the human ceiling scores above 1 (up to 1/ceiling);
  // the exact bound and the ratio are checked against the benchmark's ceiling below.
  alignment_score: z.number().nullable(),
  spearman_mean: rho.nullable(),
  top1_accuracy: unit.nullable(),
  dice_mean: unit.nullable(),
  iou_mean: unit.nullable(),
  ci95: z.object({ alignment_score: ci, top1_accuracy: ci }),
  backend: BackendInfoSchema,
  /** In one spelling (lib/types/provenance.ts); stored as reported. */
  provenance: ProvenanceSchema,
  per_image: z.array(PerImageSchema).max(200_000),
  /** "How" benchmarks: the accuracy curves and their score (lib/queue/psychophysics-report.ts). */
  psychophysics: PsychophysicsReportSchema.optional(),
});

type Issue = { path: (string | number)[]; message: string };

const sameBackend = (a: z.infer<typeof BackendInfoSchema>, b: z.infer<typeof BackendInfoSchema>) =>
  a.name === b.name && a.version === b.version && a.threads === b.threads && a.native_fallback === b.native_fallback;

/** What a report must satisfy beyond its fields' ranges: the aggregates are those of its per-image rows. */
function reportInconsistencies(r: z.infer<typeof EvaluationReportShape>): Issue[] {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });
  if (r.per_image.length !== r.n_images) add(["per_image"], `has ${r.per_image.length} entries but n_images is ${r.n_images}`);
  if (r.n_undefined > r.n_images) add(["n_undefined"], `${r.n_undefined} is more than n_images (${r.n_images})`);
  if (new Set(r.per_image.map((p) => p.index)).size !== r.per_image.length) add(["per_image"], "image indices repeat");
  if (!sameBackend(r.backend, r.provenance.backend)) add(["provenance", "backend"], "differs from the report's backend");
  if (issues.length) return issues;
  const how = findBenchmark(r.benchmark.id);
  if (how?.psychophysics) return psychophysicsInconsistencies(r, how);
  const rhos = r.per_image.flatMap((p) => (p.spearman === null ? [] : [p.spearman]));
  if (r.n_images - rhos.length !== r.n_undefined)
    add(["n_undefined"], `is ${r.n_undefined} but ${r.n_images - rhos.length} per-image ρ are null`);
  const meanOf = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : null);
  const matches = (path: string, stated: number | null, expected: number | null) => {
    if (stated === null || expected === null ? stated !== expected : !near(stated, expected)) {
      add([path], `is ${stated} but the per-image values give ${expected}`);
    }
  };
  matches("spearman_mean", r.spearman_mean, meanOf(rhos));
  matches("top1_accuracy", r.top1_accuracy, meanOf(r.per_image.map((p) => (p.correct ? 1 : 0))));
  const ceiling = findBenchmark(r.benchmark.id)?.ceiling;
  if (ceiling == null) add(["benchmark", "id"], `'${r.benchmark.id}' is not a benchmark with a ceiling`);
  else matches("alignment_score", r.alignment_score, r.spearman_mean === null ? null : r.spearman_mean / ceiling);
  for (const key of ["alignment_score", "top1_accuracy"] as const) {
    const interval = r.ci95[key];
    const estimate = r[key];
    if ((interval === null) !== (estimate === null))
      add(["ci95", key], estimate === null ? "is given for an undefined estimate" : "is missing");
    else if (interval && estimate !== null && !(interval[0] <= estimate + TOLERANCE && estimate <= interval[1] + TOLERANCE)) {
      add(["ci95", key], `[${interval[0]}, ${interval[1]}] does not contain the estimate ${estimate} (lower ≤ estimate ≤ upper)`);
    }
  }
  return issues;
}

/** The JSON the evaluation CLI writes (`npm run evaluate -- … --output FILE`), as the site accepts it from a worker. */
export const EvaluationReportSchema = EvaluationReportShape.superRefine((report, ctx) => {
  for (const issue of reportInconsistencies(report)) ctx.addIssue({ code: "custom", ...issue });
});
export type EvaluationReport = z.infer<typeof EvaluationReportSchema>;

/** One benchmark version whose split a worker holds, with the split's fingerprint (lib/datasets/data-advert.ts). */
export const BenchmarkAdvertSchema = z.object({
  id: z.string().min(1).max(40),
  version: z.number().int().positive(),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, "must be a sha256 in lowercase hex"),
});
export type BenchmarkAdvert = z.infer<typeof BenchmarkAdvertSchema>;

// Workers before the adverts sent bare names; say what changed instead of "expected object".
const AdvertEntrySchema = z
  .unknown()
  .superRefine((v, ctx) => {
    if (typeof v === "string") {
      ctx.addIssue({
        code: "custom",
        message: `is the bare name '${v}'; a worker sends {id, version, fingerprint} for each benchmark whose data it holds (update the worker)`,
      });
    }
  })
  .pipe(BenchmarkAdvertSchema);

export const ClaimRequestSchema = z.object({
  workerName: z.string().min(1).max(100),
  backends: z.array(z.string().max(40)).max(8).default([]),
  /** The worker claims only jobs of these benchmark versions; absent (load tests only): any job. */
  benchmarks: z.array(AdvertEntrySchema).max(20).optional(),
});
export type ClaimRequest = z.infer<typeof ClaimRequestSchema>;

export const ClaimedJobSchema = z.object({
  id: z.number().int(),
  attempt: z.number().int().positive(),
  leaseExpiresAt: z.string(),
  leaseSeconds: z.number().positive(),
  model: z.object({
    slug: z.string(),
    format: z.enum(["layers", "graph", "onnx"]),
    preprocessing: z.object({ scale: z.number(), mean: z.array(z.number()).length(3), std: z.array(z.number()).length(3) }),
    logitsNode: z.string().nullable(),
    weightsHash: z.string().nullable(),
    files: z.array(z.object({ name: z.string(), bytes: z.number().int(), sha256: z.string() })),
  }),
  benchmark: z.object({ id: z.string(), version: z.number().int() }),
  limits: z.object({ timeoutSeconds: z.number().positive(), memoryMb: z.number().positive() }),
});
export type ClaimedJob = z.infer<typeof ClaimedJobSchema>;

export const HeartbeatRequestSchema = z.object({
  attempt: z.number().int().positive(),
  progress: z
    .object({ done: z.number().int().nonnegative(), total: z.number().int().positive() })
    .refine((p) => p.done <= p.total, { message: "done must not exceed total", path: ["done"] })
    .optional(),
  log: z.string().max(4000).optional(),
});

export const ThumbnailSchema = z.object({
  kind: z.enum(["saliency", "human", "image"]),
  index: z.number().int().nonnegative(),
  pngBase64: z.string().max(200_000),
});

export const CompleteRequestSchema = z.object({
  attempt: z.number().int().positive(),
  report: EvaluationReportSchema,
  thumbnails: z.array(ThumbnailSchema).max(48).default([]),
});
export type CompleteRequest = z.infer<typeof CompleteRequestSchema>;

export const FailRequestSchema = z.object({
  attempt: z.number().int().positive(),
  failureClass: FailureClassSchema,
  message: z.string().min(1).max(2000),
  logExcerpt: z.string().max(8000).optional(),
});
export type FailRequest = z.infer<typeof FailRequestSchema>;

export const ReleaseRequestSchema = z.object({ attempt: z.number().int().positive(), reason: z.string().max(500) });
