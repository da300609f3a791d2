import { getEnv } from "@/lib/env";
import type { FailureClass } from "./protocol";

/** How long a claim holds a job without a heartbeat. Workers heartbeat every leaseSeconds / 4. */
export function leaseSeconds(): number {
  return getEnv().WORKER_LEASE_SECONDS;
}

/** Per-job limits handed to workers with each claim. */
export function jobLimits(): { timeoutSeconds: number; memoryMb: number } {
  const env = getEnv();
  return { timeoutSeconds: env.JOB_TIMEOUT_SECONDS, memoryMb: env.JOB_MEMORY_MB };
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
