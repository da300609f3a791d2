import { z } from "zod";

/** The worker protocol: request and response bodies shared by the site (app/api/v1/worker) and jobs/worker.ts. */

export const FAILURE_CLASSES = ["invalid_model", "oom", "timeout", "transient"] as const;
export const FailureClassSchema = z.enum(FAILURE_CLASSES);
export type FailureClass = z.infer<typeof FailureClassSchema>;

const ci = z.tuple([z.number(), z.number()]).nullable();

export const PerImageSchema = z.object({
  index: z.number().int().nonnegative(),
  shard: z.string().max(200),
  label: z.number().int().nonnegative(),
  spearman: z.number().min(-1).max(1).nullable(),
  correct: z.boolean(),
  dice: z.number().min(0).max(1).nullable().optional(),
  iou: z.number().min(0).max(1).nullable().optional(),
});

/** The JSON the evaluation CLI writes (`npm run evaluate -- … --output FILE`). */
export const EvaluationReportSchema = z.object({
  benchmark: z.object({ id: z.string(), version: z.number().int().positive() }),
  n_images: z.number().int().nonnegative(),
  n_undefined: z.number().int().nonnegative(),
  alignment_score: z.number().nullable(),
  spearman_mean: z.number().nullable(),
  top1_accuracy: z.number().min(0).max(1).nullable(),
  dice_mean: z.number().nullable(),
  iou_mean: z.number().nullable(),
  ci95: z.object({ alignment_score: ci, top1_accuracy: ci }),
  backend: z.object({ name: z.string(), version: z.string() }),
  provenance: z.record(z.string(), z.unknown()),
  per_image: z.array(PerImageSchema).max(200_000),
});
export type EvaluationReport = z.infer<typeof EvaluationReportSchema>;

export const ClaimRequestSchema = z.object({
  workerName: z.string().min(1).max(100),
  backends: z.array(z.string().max(40)).max(8).default([]),
  benchmarks: z.array(z.string().max(40)).max(20).optional(),
});
export type ClaimRequest = z.infer<typeof ClaimRequestSchema>;

export const ClaimedJobSchema = z.object({
  id: z.number().int(),
  attempt: z.number().int().positive(),
  leaseExpiresAt: z.string(),
  leaseSeconds: z.number().positive(),
  model: z.object({
    slug: z.string(),
    format: z.enum(["layers", "graph"]),
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
  progress: z.object({ done: z.number().int().nonnegative(), total: z.number().int().positive() }).optional(),
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
