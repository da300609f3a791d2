import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GateResult } from "@/lib/api/public-gate";
import { createFrontServer, FRONT_GATED_HEADER } from "./front";
import { ResponseCache } from "./response-cache";

/** A stand-in for `next start`: counts renders, and its content changes with every write it receives. */
function startUpstream() {
  const state = { renders: 0, version: 1, seen: [] as http.IncomingHttpHeaders[] };
  const server = http.createServer((req, res) => {
    state.seen.push(req.headers);
    const path = req.url ?? "/";
    if (req.method === "POST") {
      let bytes = 0;
      req.on("data", (c: Buffer) => (bytes += c.length));
      req.on("end", () => {
        if (!/heartbeat|claim/.test(path)) state.version += 1;
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ bytes }));
      });
      return;
    }
    if (path.startsWith("/api/v1/health") || path.startsWith("/echo")) {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(req.headers));
      return;
    }
    if (path.startsWith("/models/missing")) {
      res.writeHead(404, { "content-type": "text/html" }).end("not found");
      return;
    }
    state.renders += 1;
    const headers: Record<string, string> = { "content-type": "text/html", "ratelimit-remaining": "5" };
    if (path.startsWith("/about")) headers["set-cookie"] = "tracking=1";
    setTimeout(() => res.writeHead(200, headers).end(`<p>${path} v${state.version}</p>`.repeat(20)), 30);
  });
  return { server, state };
}

const listen = (s: http.Server) => new Promise<number>((r) => s.listen(0, "127.0.0.1", () => r((s.address() as AddressInfo).port)));

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };
function request(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, method: opts.method ?? "GET", headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

describe("the front server (real HTTP on both sides)", () => {
  const upstream = startUpstream();
  let cache: ResponseCache;
  let front: http.Server;
  let port: number;
  let upstreamPort: number;
  const gate = (method: string, pathname: string, headers: Headers): GateResult =>
    headers.get("x-test-limited")
      ? { respond: Response.json({ error: { code: "rate_limited" } }, { status: 429 }) }
      : { headers: { "Access-Control-Allow-Origin": "*" } };

  beforeAll(async () => {
    upstreamPort = await listen(upstream.server);
    cache = new ResponseCache({ maxBytes: 1 << 20, maxEntryBytes: 1 << 18, maxAgeMs: Infinity });
    front = createFrontServer({ upstream: { host: "127.0.0.1", port: upstreamPort }, cache, gate, gateToken: "secret-token-123456" });
    port = await listen(front);
  });
  afterAll(() => {
    front.close();
    upstream.server.close();
  });
  beforeEach(() => cache.invalidate());

  it("renders a public page once, then answers from memory; a write shows on the next request", async () => {
    const renders = upstream.state.renders;
    const first = await request(port, "/?page=2");
    expect(first.headers["x-cache"]).toBe("MISS");
    const second = await request(port, "/?page=2");
    expect(second.headers["x-cache"]).toBe("HIT");
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.headers["ratelimit-remaining"]).toBeUndefined(); // per-client, never replayed
    expect(upstream.state.renders).toBe(renders + 1);
    expect((await request(port, "/?page=3")).headers["x-cache"]).toBe("MISS"); // the query is part of the key

    const before = first.body.toString();
    await request(port, "/api/v1/snapshots", { method: "POST", body: Buffer.from("{}") });
    const after = await request(port, "/?page=2");
    expect(after.headers["x-cache"]).toBe("MISS");
    expect(after.body.toString()).not.toBe(before);
  });

  it("does not invalidate on job claims and lease heartbeats, but does on results", async () => {
    await request(port, "/benchmarks/clickme");
    await request(port, "/api/v1/worker/jobs/4/heartbeat", { method: "POST", body: Buffer.from("{}") });
    await request(port, "/api/v1/worker/claim", { method: "POST", body: Buffer.from("{}") });
    expect((await request(port, "/benchmarks/clickme")).headers["x-cache"]).toBe("HIT");
    await request(port, "/api/v1/worker/jobs/4/complete", { method: "POST", body: Buffer.from("{}") });
    expect((await request(port, "/benchmarks/clickme")).headers["x-cache"]).toBe("MISS");
  });

  it("makes concurrent misses of one URL share a single render", async () => {
    const renders = upstream.state.renders;
    const replies = await Promise.all(Array.from({ length: 20 }, () => request(port, "/models/coalesced")));
    expect(upstream.state.renders).toBe(renders + 1);
    expect(new Set(replies.map((r) => r.body.toString())).size).toBe(1);
    expect(replies.filter((r) => r.headers["x-cache"] === "MISS")).toHaveLength(1);
  });

  it("passes signed-in visitors, errors and responses with cookies through without storing them", async () => {
    const renders = upstream.state.renders;
    const signedIn = { cookie: "better-auth.session_token=abc" };
    await request(port, "/", { headers: signedIn });
    expect((await request(port, "/", { headers: signedIn })).headers["x-cache"]).toBeUndefined();
    expect(upstream.state.renders).toBe(renders + 2);
    const missing = await request(port, "/models/missing");
    expect(missing.status).toBe(404);
    expect(missing.headers["x-cache"]).toBe("BYPASS");
    const withCookie = await request(port, "/about");
    expect(withCookie.headers["set-cookie"]).toEqual(["tracking=1"]);
    expect((await request(port, "/about")).headers["x-cache"]).toBe("BYPASS");
  });

  it("compresses for clients that accept gzip, and answers If-None-Match with 304", async () => {
    const plain = await request(port, "/benchmarks");
    const gz = await request(port, "/benchmarks", { headers: { "accept-encoding": "gzip, br" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.headers.vary).toMatch(/Accept-Encoding/);
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(gz.body.length).toBeLessThan(plain.body.length);
    const etag = plain.headers.etag!;
    const again = await request(port, "/benchmarks", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(upstream.state.seen.at(-1)?.["accept-encoding"]).toBe("identity"); // stored bodies are plain
  });

  it("applies the public API gate to hits too, and marks gated requests with the shared secret only", async () => {
    await request(port, "/api/v1/leaderboard");
    const limited = await request(port, "/api/v1/leaderboard", { headers: { "x-test-limited": "1" } });
    expect(limited.status).toBe(429);
    const ok = await request(port, "/api/v1/leaderboard");
    expect(ok.headers["x-cache"]).toBe("HIT");
    expect(ok.headers["access-control-allow-origin"]).toBe("*");

    const echoed = JSON.parse((await request(port, "/api/v1/health", { headers: { [FRONT_GATED_HEADER]: "forged" } })).body.toString());
    expect(echoed[FRONT_GATED_HEADER]).toBe("secret-token-123456");
    expect(echoed["x-forwarded-for"]).toBe("127.0.0.1");
    const outsideApi = JSON.parse((await request(port, "/echo", { headers: { [FRONT_GATED_HEADER]: "forged" } })).body.toString());
    expect(outsideApi[FRONT_GATED_HEADER]).toBeUndefined();
  });

  it("passes odd request targets through instead of crashing: '//', '//x', '*'", async () => {
    for (const target of ["//", "//[", "//x", "*"]) {
      const reply = await request(port, target);
      expect(reply.status).toBe(200);
      expect(reply.headers["x-cache"]).toBeUndefined(); // not cached: never confused with '/'
    }
    expect((await request(port, "/about?x=1")).status).toBe(200); // and the front still serves
  });

  it("streams request bodies through to the application", async () => {
    const big = Buffer.alloc(3 * 2 ** 20, 7);
    const reply = await request(port, "/api/v1/submissions", { method: "POST", body: big });
    expect(JSON.parse(reply.body.toString())).toEqual({ bytes: big.length });
  });

  it("answers 502 with a JSON error when the application is down", async () => {
    const downCache = new ResponseCache({ maxBytes: 1 << 20, maxEntryBytes: 1 << 18, maxAgeMs: Infinity });
    const closed = http.createServer();
    const closedPort = await listen(closed);
    closed.close();
    const lonely = createFrontServer({
      upstream: { host: "127.0.0.1", port: closedPort },
      cache: downCache,
      gate,
      gateToken: "t".repeat(16),
    });
    const lonelyPort = await listen(lonely);
    try {
      for (const path of ["/", "/submit"]) {
        const reply = await request(lonelyPort, path);
        expect(reply.status).toBe(502);
        expect(JSON.parse(reply.body.toString()).error.code).toBe("bad_gateway");
      }
    } finally {
      lonely.close();
    }
  });
});
