/**
 * Resource limits for an uploaded model, enforced by zip extraction and by directory validation, and the ONNX opsets
 * accepted: shared facts that the validators, the pages and the OpenAPI document all quote.
 */
export type ModelLimits = {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
  maxModelJsonBytes: number;
  /** Largest uncompressed/compressed ratio accepted for one zip entry (zip-bomb guard). */
  maxCompressionRatio: number;
};

const MiB = 1024 * 1024;

export const DEFAULT_MODEL_LIMITS: ModelLimits = Object.freeze({
  maxFiles: 200,
  maxFileBytes: 256 * MiB,
  maxTotalBytes: 512 * MiB,
  maxModelJsonBytes: 8 * MiB,
  maxCompressionRatio: 100,
});

export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(bytes % MiB === 0 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KiB`;
  return `${bytes} B`;
}

/** The default-domain opsets the ONNX importer accepts. */
export const ONNX_OPSET_RANGE = { min: 11, max: 18 } as const;

/**
 * The attempts of worker time an owner's re-queues may bring one evaluation to (the first run's three and three more
 * per re-queue): without a cap one failing model could hold a worker indefinitely. Past it, a new version (which counts
 * against the daily submission limit) or an administrator's re-queue runs it again.
 */
export const OWNER_MAX_ATTEMPTS_PER_JOB = 12;
