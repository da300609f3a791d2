import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { isCacheableRequest, storableHeaders } from "./cache-policy";
import { ResponseCache } from "./response-cache";

const body = (s: string) => ({ status: 200, headers: { "content-type": "text/plain" }, body: Buffer.from(s) });

function cacheAt(clock: { t: number }, opts: Partial<ConstructorParameters<typeof ResponseCache>[0]> = {}) {
  return new ResponseCache({ maxBytes: 1000, maxEntryBytes: 500, maxAgeMs: Infinity, now: () => clock.t, ...opts });
}

describe("ResponseCache", () => {
  it("serves a stored response until a write (invalidate) and refuses a render that began before the write", () => {
    const cache = cacheAt({ t: 0 });
    const g = cache.generation;
    expect(cache.set("/a", g, body("one"))).toBe(true);
    expect(cache.get("/a")?.body.toString()).toBe("one");
    const renderStartedAt = cache.generation;
    cache.invalidate();
    expect(cache.get("/a")).toBeNull();
    expect(cache.set("/a", renderStartedAt, body("stale"))).toBe(false);
    expect(cache.get("/a")).toBeNull();
    expect(cache.set("/a", cache.generation, body("two"))).toBe(true);
    expect(cache.get("/a")?.body.toString()).toBe("two");
  });

  it("expires entries after maxAgeMs (writes by other processes)", () => {
    const clock = { t: 1_000 };
    const cache = cacheAt(clock, { maxAgeMs: 1_000 });
    cache.set("/a", cache.generation, body("x"));
    clock.t = 1_999;
    expect(cache.get("/a")).not.toBeNull();
    clock.t = 2_000;
    expect(cache.get("/a")).toBeNull();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
  });

  it("evicts the least recently used entries beyond maxBytes and never keeps one above maxEntryBytes", () => {
    const cache = cacheAt({ t: 0 });
    const g = cache.generation;
    cache.set("/a", g, body("a".repeat(400)));
    cache.set("/b", g, body("b".repeat(400)));
    cache.get("/a"); // /a is now the most recently used
    cache.set("/c", g, body("c".repeat(400)));
    expect(cache.get("/b")).toBeNull();
    expect(cache.get("/a")).not.toBeNull();
    expect(cache.get("/c")).not.toBeNull();
    expect(cache.size.bytes).toBe(800);
    expect(cache.set("/big", g, body("x".repeat(501)))).toBe(false);
  });

  it("gives a content etag and compresses each body once", () => {
    const cache = cacheAt({ t: 0 });
    cache.set("/a", cache.generation, body("hello hello hello"));
    cache.set("/b", cache.generation, body("hello hello hello"));
    const a = cache.get("/a")!;
    expect(a.etag).toBe(cache.get("/b")!.etag);
    expect(a.etag).toMatch(/^"[\w-]{27}"$/);
    const gz = cache.gzipOf(a);
    expect(cache.gzipOf(a)).toBe(gz);
    expect(gunzipSync(gz).toString()).toBe("hello hello hello");
    expect(cache.size.bytes).toBe(34 + gz.length);
  });

  it("is disabled with no memory", () => {
    expect(new ResponseCache({ maxBytes: 0, maxEntryBytes: 0, maxAgeMs: 1 }).enabled).toBe(false);
    expect(cacheAt({ t: 0 }).enabled).toBe(true);
  });
});

describe("cache policy", () => {
  const url = (p: string) => new URL(p, "http://x");

  it.each([
    ["/", true],
    ["/?page=2&sort=top1", true],
    ["/benchmarks/clickme", true],
    ["/models/resnet50", true],
    ["/api/v1/leaderboard?family=ViT", true],
    ["/api/v1/models/resnet50", true],
    ["/api/v1/openapi.json", true],
    ["/submit", false],
    ["/account", false],
    ["/admin", false],
    ["/submissions/x", false],
    ["/api/v1/health", false],
    ["/api/v1/jobs/3", false],
    ["/api/v1/worker/claim", false],
    ["/api/v1/downloads/all.jsonl", false],
    ["/api/auth/session", false],
    ["/models/a/b", false],
  ])("%s cacheable: %s", (path, expected) => {
    expect(isCacheableRequest("GET", url(path), {})).toBe(expected);
  });

  it("never caches writes, signed-in visitors, tokens or client-side navigations", () => {
    expect(isCacheableRequest("POST", url("/"), {})).toBe(false);
    expect(isCacheableRequest("HEAD", url("/"), {})).toBe(true);
    expect(isCacheableRequest("GET", url("/"), { cookie: "theme=dark; better-auth.session_token=abc" })).toBe(false);
    expect(isCacheableRequest("GET", url("/"), { cookie: "__Secure-better-auth.session_token=abc" })).toBe(false);
    expect(isCacheableRequest("GET", url("/"), { cookie: "theme=dark" })).toBe(true);
    expect(isCacheableRequest("GET", url("/api/v1/leaderboard"), { authorization: "Bearer t" })).toBe(false);
    expect(isCacheableRequest("GET", url("/"), { rsc: "1" })).toBe(false);
    expect(isCacheableRequest("GET", url("/?_rsc=abc"), {})).toBe(false);
  });

  it("stores only shareable 200s, without per-connection or per-client headers", () => {
    expect(storableHeaders(404, {})).toBeNull();
    expect(storableHeaders(200, { "set-cookie": ["a=b"] })).toBeNull();
    expect(storableHeaders(200, { "content-encoding": "gzip" })).toBeNull();
    expect(
      storableHeaders(200, { "content-type": "text/html", date: "x", connection: "keep-alive", "ratelimit-remaining": "7", vary: "rsc" }),
    ).toEqual({ "content-type": "text/html", vary: "rsc" });
  });
});
