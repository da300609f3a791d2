import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { main, parseClickMeArgs } from "@/jobs/data-clickme";
import { downloadClickMe, CLICKME_BASE_URL } from "./download";
import { frameRecord } from "./tfrecord";

type Behaviour = { dropAfter?: Map<string, number>; ignoreRange?: boolean; status?: number; stall?: boolean };

/** A local file server with Range support that can drop a connection part-way through a file, once. */
class ShardServer {
  files = new Map<string, Buffer>();
  requests: { url: string; range?: string }[] = [];
  behaviour: Behaviour = {};
  private server!: Server;
  baseUrl = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/val/`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const name = path.basename(req.url ?? "");
    this.requests.push({ url: req.url ?? "", range: req.headers.range });
    const body = this.files.get(name);
    if (this.behaviour.status) return void res.writeHead(this.behaviour.status).end();
    if (!body) return void res.writeHead(404).end("not found");
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
    if (range && !this.behaviour.ignoreRange) {
      start = Number(range[1]);
      if (start >= body.length) return void res.writeHead(416, { "Content-Range": `bytes */${body.length}` }).end();
      res.writeHead(206, { "Content-Range": `bytes ${start}-${body.length - 1}/${body.length}`, "Content-Length": body.length - start });
    } else {
      res.writeHead(200, { "Content-Length": body.length });
    }
    if (this.behaviour.stall) return void res.write(body.subarray(start, start + 100)); // then nothing
    const drop = this.behaviour.dropAfter?.get(name);
    if (drop !== undefined && drop > start) {
      this.behaviour.dropAfter!.delete(name); // drop only once per file
      res.write(body.subarray(start, drop), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    res.end(body.subarray(start));
  }
}

function shardBytes(records: number, seed: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < records; i++) parts.push(frameRecord(Uint8Array.from({ length: 3000 + i * 17 }, (_, k) => (k * seed + i) & 0xff)));
  return Buffer.concat(parts);
}

const server = new ShardServer();
let dir: string;
let n = 0;
const freshOut = () => path.join(dir, `out-${n++}`);
const fast = { retryDelayMs: 10, idleTimeoutMs: 5000 };

beforeAll(async () => {
  await server.start();
  dir = await mkdtemp(path.join(tmpdir(), "download-"));
});
afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  server.requests = [];
  server.behaviour = {};
});

function serveShards(counts: number[]): void {
  server.files.clear();
  counts.forEach((c, i) => server.files.set(`val-${i}.tfrecords`, shardBytes(c, i + 3)));
}

describe("downloadClickMe", () => {
  it("defaults to the public GCS bucket", () => {
    expect(CLICKME_BASE_URL).toBe("https://storage.googleapis.com/serrelab/prj_harmonization/dataset/click-me/val/");
  });

  it("downloads, counts and renames every shard, and writes a manifest", async () => {
    serveShards([4, 7, 2]);
    const out = freshOut();
    const done: string[] = [];
    const summary = await downloadClickMe({
      outDir: out,
      baseUrl: server.baseUrl,
      shards: [0, 1, 2],
      ...fast,
      onShardDone: (s) => done.push(s.name),
    });
    expect(summary.nImages).toBe(13);
    expect(summary.shards.map((s) => [s.name, s.records, s.alreadyPresent])).toEqual([
      ["val-0.tfrecords", 4, false],
      ["val-1.tfrecords", 7, false],
      ["val-2.tfrecords", 2, false],
    ]);
    expect(done).toEqual(["val-0.tfrecords", "val-1.tfrecords", "val-2.tfrecords"]);
    for (const [name, body] of server.files) expect((await readFile(path.join(out, name))).equals(body)).toBe(true);
    expect((await readdir(out)).sort()).toEqual(["manifest.json", "val-0.tfrecords", "val-1.tfrecords", "val-2.tfrecords"]);
    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ source: server.baseUrl, nImages: 13, sha256: summary.fingerprint.sha256 });

    // A second run verifies what is there and fetches nothing.
    server.requests = [];
    const again = await downloadClickMe({ outDir: out, baseUrl: server.baseUrl, shards: [0, 1, 2], ...fast });
    expect(again.shards.every((s) => s.alreadyPresent)).toBe(true);
    expect(server.requests).toEqual([]);
  });

  it("resumes with a Range request after the connection drops mid-file", async () => {
    serveShards([30]);
    const size = server.files.get("val-0.tfrecords")!.length;
    server.behaviour.dropAfter = new Map([["val-0.tfrecords", 40_000]]);
    const out = freshOut();
    const summary = await downloadClickMe({ outDir: out, baseUrl: server.baseUrl, shards: [0], ...fast });
    expect(summary.nImages).toBe(30);
    expect(server.requests.map((r) => r.range)).toEqual([undefined, "bytes=40000-"]);
    expect((await stat(path.join(out, "val-0.tfrecords"))).size).toBe(size);
  });

  it("leaves the .part after a failed run and continues from it in the next run", async () => {
    serveShards([30]);
    server.behaviour.dropAfter = new Map([["val-0.tfrecords", 25_000]]);
    const out = freshOut();
    await expect(downloadClickMe({ outDir: out, baseUrl: server.baseUrl, shards: [0], ...fast, retries: 0 })).rejects.toThrow();
    expect(await readdir(out)).toEqual(["val-0.tfrecords.part"]);
    expect((await stat(path.join(out, "val-0.tfrecords.part"))).size).toBe(25_000);
    server.requests = [];
    const summary = await downloadClickMe({ outDir: out, baseUrl: server.baseUrl, shards: [0], ...fast, retries: 0 });
    expect(summary.nImages).toBe(30);
    expect(server.requests.map((r) => r.range)).toEqual(["bytes=25000-"]);
    expect((await readFile(path.join(out, "val-0.tfrecords"))).equals(server.files.get("val-0.tfrecords")!)).toBe(true);
  });

  it("starts over when the server ignores the Range header", async () => {
    serveShards([5]);
    const out = freshOut();
    await downloadClickMe({ outDir: out, baseUrl: server.baseUrl, shards: [0], ...fast }).then(() => rm(path.join(out, "val-0.tfrecords")));
    await writeFile(path.join(out, "val-0.tfrecords.part"), Buffer.from("stale bytes"));
    server.behaviour.ignoreRange = true;
    const summary = await downloadClickMe({ outDir: out, baseUrl: server.baseUrl, shards: [0], ...fast });
    expect(summary.nImages).toBe(5);
    expect((await readFile(path.join(out, "val-0.tfrecords"))).equals(server.files.get("val-0.tfrecords")!)).toBe(true);
  });

  it("rejects a corrupt shard clearly and leaves neither the final file nor the .part", async () => {
    serveShards([6, 6]);
    const bad = server.files.get("val-1.tfrecords")!;
    bad[Math.floor(bad.length / 2)] ^= 0x10;
    const out = freshOut();
    const err = await downloadClickMe({ outDir: out, baseUrl: server.baseUrl, shards: [0, 1], ...fast }).catch((e) => e);
    expect(err.message).toMatch(/val-1\.tfrecords is not a valid TFRecord file .*record \d+.*crc.*deleted/);
    expect(await readdir(out)).toEqual(["val-0.tfrecords"]);
  });

  it("does not retry a 404 and names the URL", async () => {
    serveShards([1]);
    const out = freshOut();
    await expect(downloadClickMe({ outDir: out, baseUrl: server.baseUrl, shards: [0, 1], ...fast })).rejects.toThrow(
      /GET http:\/\/127\.0\.0\.1:\d+\/val\/val-1\.tfrecords answered HTTP 404/,
    );
    expect(server.requests.filter((r) => r.url.endsWith("val-1.tfrecords"))).toHaveLength(1);
  });

  it("gives up on a stalled connection after the idle timeout, keeping what arrived", async () => {
    serveShards([3]);
    server.behaviour.stall = true;
    const out = freshOut();
    await expect(
      downloadClickMe({ outDir: out, baseUrl: server.baseUrl, shards: [0], retryDelayMs: 10, idleTimeoutMs: 300, retries: 0 }),
    ).rejects.toThrow(/no data for 300 ms \(100 bytes kept for resuming\)/);
    expect((await stat(path.join(out, "val-0.tfrecords.part"))).size).toBe(100);
  });

  it("retries server errors, then gives up", async () => {
    serveShards([1]);
    server.behaviour.status = 503;
    await expect(downloadClickMe({ outDir: freshOut(), baseUrl: server.baseUrl, shards: [0], ...fast, retries: 2 })).rejects.toThrow(
      /HTTP 503/,
    );
    expect(server.requests).toHaveLength(3);
  });
});

describe("data:clickme CLI", () => {
  it("validates arguments", () => {
    expect(parseClickMeArgs(["--out", "d"])).toEqual({ out: "d", baseUrl: CLICKME_BASE_URL, retries: 5 });
    expect(() => parseClickMeArgs([])).toThrow(/--out is required/);
    expect(() => parseClickMeArgs(["--out", "d", "--base-url", "ftp://x"])).toThrow(/--base-url must be an http/);
    expect(() => parseClickMeArgs(["--out", "d", "--retries", "x"])).toThrow(/--retries must be an integer/);
  });

  it("downloads all 17 shards (val-0 … val-16, not val-17) and prints a summary with the image count", async () => {
    serveShards(Array.from({ length: 18 }, (_, i) => 1 + (i % 3)));
    const out = freshOut();
    const lines: string[] = [];
    const code = await main(["--out", out, "--base-url", server.baseUrl], { isTTY: false, write: (s: string) => lines.push(s) }, 10);
    expect(code).toBe(0);
    const files = (await readdir(out)).filter((f) => f.endsWith(".tfrecords"));
    expect(files).toHaveLength(17);
    expect(files).not.toContain("val-17.tfrecords");
    const expectedImages = Array.from({ length: 17 }, (_, i) => 1 + (i % 3)).reduce((a, b) => a + b, 0);
    expect(lines.join("")).toMatch(/val-16\.tfrecords: 2 records/);
    expect(lines.at(-1)).toMatch(new RegExp(`^ClickMe val: ${expectedImages} images in 17 shards`));
    expect(server.requests.some((r) => r.url.endsWith("val-17.tfrecords"))).toBe(false);
  });
});
