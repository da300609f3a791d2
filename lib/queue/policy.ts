import type { FailureClass } from "./protocol";

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** How long a claim holds a job without a heartbeat. Workers heartbeat every leaseSeconds / 4. */
export function leaseSeconds(): number {
  return envNumber("WORKER_LEASE_SECONDS", 60);
}

/** Per-job limits handed to workers with each claim. */
export function jobLimits(): { timeoutSeconds: number; memoryMb: number } {
  return { timeoutSeconds: envNumber("JOB_TIMEOUT_SECONDS", 2 * 60 * 60), memoryMb: envNumber("JOB_MEMORY_MB", 6144) };
}

/** Only faults of the environment are retried; a model that is invalid, too big or too slow fails the same way again. */
export function isRetryable(failureClass: FailureClass | "lease_expired"): boolean {
  return failureClass === "transient" || failureClass === "lease_expired";
}

/** Exponential backoff: 30 s, 2 min, 8 min, … capped at one hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 30 * 4 ** Math.max(0, attempt - 1));
}

/** Seconds left, from the work done so far in this attempt; null until there is a rate to extrapolate. */
export function estimateEtaSeconds(done: number, total: number | null, elapsedSeconds: number): number | null {
  if (!total || done <= 0 || elapsedSeconds <= 0) return null;
  return Math.max(0, Math.round(((total - done) * elapsedSeconds) / done));
}
