/**
 * Refused uploads are rate-limited too: validating (and extracting zips) costs the server work whatever the answer,
 * so a user who has had REJECTED_UPLOADS_PER_HOUR uploads refused (any 4xx but a 429), or an address that has sent
 * that many without a valid token or session, gets a 429 with Retry-After before its next body is read.
 */
import type { Caller } from "@/lib/auth/caller";
import type { SlidingWindowLimiter } from "@/lib/auth/rate-limit";
import { AppError } from "@/lib/errors";
import { clientAddress } from "@/lib/server/client-address";

export const REJECTION_WINDOW_MS = 60 * 60_000;

export type RejectionKey = { key: string; who: string };

export function rejectionKey(caller: Caller | null, headers: Headers): RejectionKey {
  return caller
    ? { key: `user:${caller.id}`, who: "for this account" }
    : { key: `address:${clientAddress(headers)}`, who: "from this address" };
}

/** 429 while `key` is over its limit of refused uploads in the last hour. */
export function refuseIfTooManyRejections(limiter: SlidingWindowLimiter, { key, who }: RejectionKey): void {
  const wait = limiter.retryAfterSeconds(key);
  if (wait !== null) {
    throw new AppError("rate_limited", `Too many refused uploads ${who} in the last hour; try again in ${wait} s.`, {
      retryAfterSeconds: wait,
    });
  }
}

/** Counts a refusal (a client error other than a 429) against `key`. */
export function countRejection(limiter: SlidingWindowLimiter, { key }: RejectionKey, err: unknown): void {
  if (err instanceof AppError && err.status >= 400 && err.status < 500 && err.code !== "rate_limited") limiter.take(key);
}
