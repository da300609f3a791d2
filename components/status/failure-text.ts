/** A job's failure class in plain words: what happened and what to do about it. */
export function explainFailure(failureClass: string | null, status: string, runAfter?: string | null): string | null {
  switch (failureClass) {
    case "invalid_model":
      return "The model could not be evaluated as submitted (see the reason below). Fix the model or its metadata — input 224×224×3, class logits out, the right logits node and preprocessing — and resubmit it as a new version.";
    case "oom":
      return "The evaluation ran out of memory. Smaller shards do not help; a smaller model or fewer parameters does. Ask an admin to requeue it if you think this was the worker's fault.";
    case "timeout":
      return "The evaluation took longer than the time limit. Very large models may not fit the limit; an admin can requeue it.";
    case "transient":
      return status === "queued"
        ? `A temporary problem on the worker (not your model). It will retry automatically${runAfter ? ` after ${runAfter}` : ""}.`
        : "A temporary problem on the worker kept failing on every attempt. An admin can requeue it.";
    case "cancelled":
      return "The job was cancelled.";
    default:
      return status === "cancelled" ? "The job was cancelled." : null;
  }
}

export function formatEta(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
