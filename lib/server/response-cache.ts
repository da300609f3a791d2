import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

export type CachedResponse = {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  etag: string;
  /** Filled on the first request that accepts gzip. */
  gzipped?: Buffer;
};

type Entry = CachedResponse & { key: string; generation: number; storedAt: number; bytes: number };

export type ResponseCacheOptions = {
  /** Total body bytes kept (identity + gzip); the least recently used entries go first. */
  maxBytes: number;
  /** Bodies larger than this are never kept. */
  maxEntryBytes: number;
  /** How long an entry may serve: Infinity where every write passes through this process. */
  maxAgeMs: number;
  now?: () => number;
};

/**
 * Whole responses of public GETs, keyed by URL. An entry is valid while the site generation it was stored under
 * is current (every write through this process bumps it) and it is younger than maxAgeMs (writes by other
 * processes, e.g. other replicas on one PostgreSQL, show within that time).
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private generationNow = 0;
  private readonly now: () => number;

  constructor(private readonly opts: ResponseCacheOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** False when configured with no memory: the front then passes every request through. */
  get enabled(): boolean {
    return this.opts.maxBytes > 0 && this.opts.maxEntryBytes > 0;
  }

  get generation(): number {
    return this.generationNow;
  }

  /** A write happened: every entry stored before now is stale. */
  invalidate(): void {
    this.generationNow += 1;
    this.entries.clear();
    this.bytes = 0;
  }

  get(key: string): CachedResponse | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.generation !== this.generationNow || this.now() - entry.storedAt >= this.opts.maxAgeMs) {
      this.delete(key, entry);
      return null;
    }
    // Map order is insertion order: re-inserting marks the entry most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** Stores a response rendered under `generation`; refused if a write has happened since the render began. */
  set(key: string, generation: number, response: { status: number; headers: Record<string, string>; body: Buffer }): boolean {
    if (generation !== this.generationNow || response.body.length > this.opts.maxEntryBytes) return false;
    const previous = this.entries.get(key);
    if (previous) this.delete(key, previous);
    const etag = `"${createHash("sha1").update(response.body).digest("base64url")}"`;
    const entry: Entry = { ...response, key, etag, generation, storedAt: this.now(), bytes: response.body.length };
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    this.evict();
    return true;
  }

  /** The gzip body of an entry, compressed once. */
  gzipOf(entry: CachedResponse): Buffer {
    if (!entry.gzipped) {
      entry.gzipped = gzipSync(entry.body, { level: 6 });
      const stored = entry as Entry;
      if (this.entries.get(stored.key) === stored) {
        stored.bytes += entry.gzipped.length;
        this.bytes += entry.gzipped.length;
        this.evict();
      }
    }
    return entry.gzipped;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private delete(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.opts.maxBytes) break;
      this.delete(key, entry);
    }
  }
}
