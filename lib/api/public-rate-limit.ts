/**
 * Per-client token buckets for the public API. In memory, per process: each server process (or replica)
 * counts on its own, so N processes admit up to N times the rate; a shared store would be needed to make it
 * global. Buckets idle for longer than a full refill are dropped, so memory stays bounded.
 */
export type BucketPolicy = { capacity: number; refillPerSecond: number };

/**
 * Three buckets per client, each drawn only by its own kind of call: reads (GET/HEAD) burst 120, then 2 per second
 * (7,200 an hour); snapshot creation (POST /snapshots, which writes an immutable, citable row) 10, then one every
 * 30 s; every other non-read call (job cancels, and any method a path does not answer) 30, then one every 2 s, so a
 * user cancelling a batch of jobs neither waits on nor uses up the snapshot allowance.
 */
export const READ_POLICY: BucketPolicy = { capacity: 120, refillPerSecond: 2 };
export const SNAPSHOT_POLICY: BucketPolicy = { capacity: 10, refillPerSecond: 1 / 30 };
export const WRITE_POLICY: BucketPolicy = { capacity: 30, refillPerSecond: 1 / 2 };

export type Decision = { allowed: boolean; remaining: number; retryAfterSeconds: number };

type Bucket = { tokens: number; updatedMs: number };

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweepMs = 0;

  constructor(
    private readonly policy: BucketPolicy,
    private readonly maxKeys = 50_000,
  ) {}

  take(key: string, nowMs: number, cost = 1): Decision {
    this.sweep(nowMs);
    const { capacity, refillPerSecond } = this.policy;
    const b = this.buckets.get(key) ?? { tokens: capacity, updatedMs: nowMs };
    b.tokens = Math.min(capacity, b.tokens + (Math.max(0, nowMs - b.updatedMs) / 1000) * refillPerSecond);
    b.updatedMs = nowMs;
    this.buckets.delete(key);
    this.buckets.set(key, b);
    if (b.tokens >= cost) {
      b.tokens -= cost;
      return { allowed: true, remaining: Math.floor(b.tokens), retryAfterSeconds: 0 };
    }
    return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil((cost - b.tokens) / refillPerSecond)) };
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(nowMs: number) {
    const fullRefillMs = (this.policy.capacity / this.policy.refillPerSecond) * 1000;
    if (nowMs - this.lastSweepMs < 60_000 && this.buckets.size < this.maxKeys) return;
    this.lastSweepMs = nowMs;
    for (const [key, b] of this.buckets) {
      if (nowMs - b.updatedMs > fullRefillMs || this.buckets.size > this.maxKeys) this.buckets.delete(key);
    }
  }
}
