import type { RawClickMeRecord } from "@/lib/datasets/clickme";
import type { Preprocessing } from "@/lib/datasets/preprocess";
import type { PerImage } from "@/lib/metrics/aggregate";
import type { ImageMeta, PreparedImage } from "./image-stages";

/** Fixed for a pool's life: what every prepare task decodes and transforms with. */
export type CpuThreadConfig = { numClasses: number; preprocessing: Preprocessing };

export type CpuTask =
  | { id: number; kind: "prepare"; raw: RawClickMeRecord }
  | { id: number; kind: "score"; meta: ImageMeta; saliency: Float32Array; human: Float32Array; correct: boolean };

/** An error as it crosses the thread boundary: AppError's code and details survive, the class is rebuilt. */
export type CpuThreadError = { message: string; code?: string; details?: Record<string, unknown> };

export type CpuReply =
  | { id: number; ok: true; kind: "prepare"; value: PreparedImage }
  | { id: number; ok: true; kind: "score"; value: PerImage }
  | { id: number; ok: false; error: CpuThreadError };
