/**
 * Resumable download of one file into a `.part` file: bytes already there are kept and the rest is asked for
 * with an HTTP Range request. Network failures are retried (with backoff) from wherever the file got to; a
 * stalled connection counts as a failure after `idleTimeoutMs`. node:http rather than fetch: fetch drops the
 * bytes it has queued when the connection fails, which defeats resuming.
 */
import { open, stat, truncate, type FileHandle } from "node:fs/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";

export type ShardProgress = (bytes: number, total: number | undefined) => void;

export type FetchShardOptions = {
  retries: number;
  retryDelayMs: number;
  idleTimeoutMs: number;
  onProgress?: ShardProgress;
};

export class HttpStatusError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`GET ${url} answered HTTP ${status}`);
    this.name = "HttpStatusError";
  }
}

async function sizeOf(file: string): Promise<number> {
  return stat(file).then(
    (s) => s.size,
    () => 0,
  );
}

/** Total size from "Content-Range: bytes a-b/total" or "bytes * /total". */
function rangeTotal(header: string | null): number | undefined {
  const m = header && /\/(\d+)\s*$/.exec(header);
  return m ? Number(m[1]) : undefined;
}

function get(url: string, headers: Record<string, string>, timeoutMs: number): Promise<IncomingMessage> {
  const client = url.startsWith("https:") ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, { headers, timeout: timeoutMs }, resolve);
    req.on("timeout", () => req.destroy(new Error(`GET ${url}: no response for ${timeoutMs} ms`)));
    req.on("error", reject);
  });
}

/**
 * Streams the body onto the open file in flowing mode, so every byte received before a failure is on disk
 * (a paused stream's buffer would be discarded when the socket dies); pauses while 16 MiB wait for the disk.
 */
function drainTo(res: IncomingMessage, handle: FileHandle, idleTimeoutMs: number, onBytes: (n: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let chain = Promise.resolve();
    let pending = 0;
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      res.destroy();
      chain.then(() => reject(err), reject);
    };
    res.setTimeout(idleTimeoutMs, () => fail(new Error(`no data for ${idleTimeoutMs} ms`)));
    res.on("data", (chunk: Buffer) => {
      pending += chunk.length;
      if (pending > 16 << 20) res.pause();
      chain = chain.then(async () => {
        await handle.write(chunk);
        pending -= chunk.length;
        onBytes(chunk.length);
        if (pending <= 16 << 20 && !failed) res.resume();
      });
      chain.catch(fail);
    });
    res.on("end", () => chain.then(resolve, reject));
    res.on("error", fail);
    res.on("close", () => {
      if (!res.complete) fail(new Error("connection closed before the end of the body"));
    });
  });
}

/** One attempt: returns true when the part file holds the whole resource. */
async function attempt(url: string, part: string, opts: FetchShardOptions): Promise<boolean> {
  let offset = await sizeOf(part);
  const res = await get(url, offset > 0 ? { Range: `bytes=${offset}-` } : {}, opts.idleTimeoutMs);
  const status = res.statusCode ?? 0;
  const contentRange = res.headers["content-range"] ?? null;
  if (status === 416 && offset > 0) {
    res.resume();
    if (rangeTotal(contentRange) === offset) return true; // the part was already complete
    await truncate(part, 0);
    return false;
  }
  if (status !== 200 && status !== 206) {
    res.resume();
    throw new HttpStatusError(url, status);
  }
  let total: number | undefined;
  if (status === 206) {
    const start = /^bytes (\d+)-/.exec(contentRange ?? "");
    if (!start || Number(start[1]) !== offset) {
      res.destroy();
      throw new Error(`GET ${url}: asked for bytes from ${offset}, got Content-Range '${contentRange}'`);
    }
    total = rangeTotal(contentRange);
  } else {
    offset = 0; // the server ignored the Range header: start over
    const len = res.headers["content-length"];
    total = len === undefined ? undefined : Number(len);
  }
  const handle = await open(part, offset > 0 ? "a" : "w");
  let written = offset;
  try {
    opts.onProgress?.(written, total);
    await drainTo(res, handle, opts.idleTimeoutMs, (n) => {
      written += n;
      opts.onProgress?.(written, total);
    });
  } catch (err) {
    throw new Error(`GET ${url}: ${(err as Error).message} (${written} bytes kept for resuming)`);
  } finally {
    await handle.close();
  }
  if (total !== undefined && written !== total) throw new Error(`GET ${url}: connection closed at ${written} of ${total} bytes`);
  return true;
}

/** Downloads `url` into `part`, resuming from its current size; throws after `retries` failed retries. */
export async function fetchToPart(url: string, part: string, opts: FetchShardOptions): Promise<void> {
  for (let failures = 0; ;) {
    try {
      if (await attempt(url, part, opts)) return;
    } catch (err) {
      const permanent = err instanceof HttpStatusError && err.status < 500 && err.status !== 429;
      if (permanent || failures >= opts.retries) throw err;
      failures++;
      await new Promise((r) => setTimeout(r, opts.retryDelayMs * failures));
    }
  }
}
