import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { main } from "@/jobs/data-psychophysics";
import { encodePng } from "@/lib/images/png";
import { downloadPsychophysics, GCS_BASE_URL, localPath, PSYCHOPHYSICS_PREFIX } from "./download";
import { fingerprintStimulusSet } from "./stimulus-set";

const PREFIX = PSYCHOPHYSICS_PREFIX;
const EXP1 = "exp_1_clicktionary_probabilistic_region_growth_centered";

/** Imitates GCS: the JSON API listing (two items per page, nextPageToken) and object GETs with Range support. */
class BucketServer {
  objects = new Map<string, Buffer>();
  requests: { path: string; range?: string; pageToken?: string | null }[] = [];
  dropOnce = new Map<string, number>();
  wrongMd5 = new Set<string>();
  private server!: Server;
  baseUrl = "";

  async start() {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop() {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(r));
  }
  private handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://x");
    this.requests.push({ path: url.pathname, range: req.headers.range, pageToken: url.searchParams.get("pageToken") });
    if (url.pathname === "/storage/v1/b/serrelab/o") {
      const prefix = url.searchParams.get("prefix") ?? "";
      const names = [...this.objects.keys()].filter((n) => n.startsWith(prefix)).sort();
      const start = Number(url.searchParams.get("pageToken") ?? 0);
      const items = names.slice(start, start + 2).map((name) => {
        const body = this.objects.get(name)!;
        const md5 = createHash("md5")
          .update(this.wrongMd5.has(name) ? "other" : body)
          .digest("base64");
        return { kind: "storage#object", name, bucket: "serrelab", size: String(body.length), md5Hash: md5 };
      });
      const next = start + 2 < names.length ? { nextPageToken: String(start + 2) } : {};
      return void res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ kind: "storage#objects", items, ...next }));
    }
    const name = decodeURIComponent(url.pathname.replace(/^\/serrelab\//, ""));
    const body = this.objects.get(name);
    if (!body) return void res.writeHead(404).end();
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
    const from = range ? Number(range[1]) : 0;
    res.writeHead(
      range ? 206 : 200,
      range ? { "Content-Range": `bytes ${from}-${body.length - 1}/${body.length}` } : { "Content-Length": body.length },
    );
    const drop = this.dropOnce.get(name);
    if (drop !== undefined && drop > from) {
      this.dropOnce.delete(name);
      return void res.write(body.subarray(from, drop), () => setTimeout(() => res.socket?.destroy(), 20));
    }
    res.end(body.subarray(from));
  }
}

const png = (v: number) => encodePng(new Uint8Array(256 * 256).fill(v), 256, 256, 1);
const server = new BucketServer();
let dir: string;
let n = 0;
const fast = { retryDelayMs: 5, idleTimeoutMs: 5000 };

function serveRelease() {
  server.objects.clear();
  server.objects.set(`${PREFIX}data_for_zahra.npz`, readFileSync(path.join(__dirname, "fixtures", "human-data.npz")));
  server.objects.set(`${PREFIX}${EXP1}/`, Buffer.alloc(0)); // a folder placeholder, as the console creates them
  server.objects.set(`${PREFIX}${EXP1}/0_bald_eagle1.png`, png(10));
  server.objects.set(`${PREFIX}${EXP1}/10_great_white_shark2.png`, png(20));
  server.objects.set(`${PREFIX}${EXP1}/full_school_bus1.png`, png(30));
  server.objects.set("prj_harmonization/dataset/other/file.bin", Buffer.from("not ours"));
}

beforeAll(async () => {
  await server.start();
  dir = await mkdtemp(path.join(tmpdir(), "psy-download-"));
});
afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  server.requests = [];
  server.dropOnce.clear();
  server.wrongMd5.clear();
});

describe("downloadPsychophysics", () => {
  it("defaults to the public bucket prefix", () => {
    expect(`${GCS_BASE_URL}/serrelab/${PREFIX}`).toBe(
      "https://storage.googleapis.com/serrelab/prj_harmonization/dataset/psychophysics/clicktionary/",
    );
  });

  it("lists the prefix page by page, downloads what is listed, verifies it and writes the manifest; a second run fetches nothing", async () => {
    serveRelease();
    const out = path.join(dir, `out-${n++}`);
    const manifest = await downloadPsychophysics({ outDir: out, baseUrl: server.baseUrl, ...fast });
    expect(server.requests.filter((r) => r.path.startsWith("/storage")).map((r) => r.pageToken)).toEqual([null, "2", "4"]);
    expect((await readdir(out)).sort()).toEqual(["data_for_zahra.npz", EXP1, "manifest.json"]);
    expect((await readdir(path.join(out, EXP1))).sort()).toEqual([
      "0_bald_eagle1.png",
      "10_great_white_shark2.png",
      "full_school_bus1.png",
    ]);
    expect(await readFile(path.join(out, EXP1, "10_great_white_shark2.png"))).toEqual(
      server.objects.get(`${PREFIX}${EXP1}/10_great_white_shark2.png`),
    );
    expect(manifest.files.map((f) => f.name)).toEqual([
      "data_for_zahra.npz",
      `${EXP1}/0_bald_eagle1.png`,
      `${EXP1}/10_great_white_shark2.png`,
      `${EXP1}/full_school_bus1.png`,
    ]);
    expect(manifest.stimuli).toEqual({
      total: 3,
      perFolder: { [EXP1]: { 0: 1, 10: 1, 20: 0, 30: 0, 40: 0, 50: 0, 60: 0, 70: 0, 80: 0, 90: 0, full: 1 } },
    });
    expect(await fingerprintStimulusSet(out)).toMatch(/^[0-9a-f]{64}$/);

    server.requests = [];
    await downloadPsychophysics({ outDir: out, baseUrl: server.baseUrl, ...fast });
    expect(server.requests.every((r) => r.path.startsWith("/storage/"))).toBe(true);
  });

  it("resumes a dropped file with a Range request", async () => {
    serveRelease();
    const name = `${PREFIX}${EXP1}/0_bald_eagle1.png`;
    server.dropOnce.set(name, 100);
    const out = path.join(dir, `out-${n++}`);
    await downloadPsychophysics({ outDir: out, baseUrl: server.baseUrl, ...fast });
    expect(server.requests.filter((r) => r.path.endsWith("0_bald_eagle1.png")).map((r) => r.range)).toEqual([undefined, "bytes=100-"]);
    expect((await stat(path.join(out, EXP1, "0_bald_eagle1.png"))).size).toBe(server.objects.get(name)!.length);
  });

  it("deletes a download whose MD5 differs from the listing and says so; writes no manifest", async () => {
    serveRelease();
    server.wrongMd5.add(`${PREFIX}${EXP1}/full_school_bus1.png`);
    const out = path.join(dir, `out-${n++}`);
    await expect(downloadPsychophysics({ outDir: out, baseUrl: server.baseUrl, ...fast })).rejects.toThrow(
      /full_school_bus1\.png does not match the listing \(size \d+, md5 .*\); the download was deleted/,
    );
    expect(await readdir(path.join(out, EXP1))).not.toContain("full_school_bus1.png.part");
    expect(await readdir(out)).not.toContain("manifest.json");
  });

  it("refuses object names that would leave the output directory", () => {
    expect(() => localPath("/data", PREFIX, `${PREFIX}../../etc/passwd`)).toThrow("refusing the object name");
    expect(localPath("/data", PREFIX, `${PREFIX}a/b.png`)).toBe(path.join("/data", "a", "b.png"));
  });

  it("runs as npm run data:psychophysics, with a progress bar and the per-level counts", async () => {
    serveRelease();
    const out = path.join(dir, `out-${n++}`);
    let log = "";
    const code = await main(["--out", out, "--base-url", server.baseUrl], { isTTY: false, write: (s: string) => (log += s) }, 5);
    expect(code).toBe(0);
    expect(log).toContain("4 objects");
    expect(log).toContain(`${EXP1}: 0: 1, 10: 1, 20: 0, 30: 0, 40: 0, 50: 0, 60: 0, 70: 0, 80: 0, 90: 0, full: 1`);
    expect(log).toMatch(/3 stimuli, 4 files, sha256 [0-9a-f]{64}/);
    let usage = "";
    expect(await main(["--base-url", "ftp://x"], { write: (s: string) => (usage += s) })).toBe(2);
    expect(usage).toContain("--out is required");
  });
});
