import { AppError } from "@/lib/errors";

/** A model upload that is not a valid TF.js model for this leaderboard; the message says what and what is allowed. */
export class ModelValidationError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("invalid_model", message, details);
    this.name = "ModelValidationError";
  }
}

/** Lists at most `max` items for an error message, saying how many were left out. */
export function listForMessage(items: readonly string[], max = 8): string {
  if (items.length === 0) return "(none)";
  const shown = items.slice(0, max).map((s) => `'${s}'`).join(", ");
  return items.length > max ? `${shown}, … (${items.length - max} more)` : shown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
