import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontServer } from "@/lib/server/front";
import { ResponseCache } from "@/lib/server/response-cache";
import { createPublicGate } from "./public-gate";
import { TokenBuckets } from "./public-rate-limit";
import { isSameOriginPost } from "./public-cors";

// The front overwrites X-Forwarded-For with the one client address it resolved (lib/server/client-address.ts).
const ip = (a: string) => new Headers({ "x-forwarded-for": a });

describe("TokenBuckets", () => {
  it("admits a burst of `capacity`, then refills at the set rate", () => {
    const b = new TokenBuckets({ capacity: 3, refillPerSecond: 0.5 });
    expect([0, 0, 0, 0].map((t) => b.take("x", t).allowed)).toEqual([true, true, true, false]);
    // One token needs 2 s at 0.5/s.
    expect(b.take("x", 0).retryAfterSeconds).toBe(2);
    expect(b.take("x", 1999).allowed).toBe(false);
    expect(b.take("x", 2000).allowed).toBe(true);
    expect(b.take("y", 0).allowed).toBe(true);
  });

  it("forgets idle clients so memory stays bounded", () => {
    const b = new TokenBuckets({ capacity: 2, refillPerSecond: 1 });
    for (let i = 0; i < 100; i++) b.take(`c${i}`, 0);
    expect(b.size).toBe(100);
    b.take("late", 61_000);
    expect(b.size).toBe(1);
  });
});

describe("public gate", () => {
  it("rate limits per client with 429, Retry-After and the error envelope; other clients are unaffected", async () => {
    let now = 0;
    const gate = createPublicGate(() => now);
    for (let i = 0; i < 120; i++) expect("headers" in gate("GET", "/api/v1/leaderboard", ip("1.1.1.1"))).toBe(true);
    const limited = gate("GET", "/api/v1/models", ip("1.1.1.1"));
    expect("respond" in limited).toBe(true);
    const res = (limited as { respond: Response }).respond;
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(await res.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect("headers" in gate("GET", "/api/v1/models", ip("2.2.2.2"))).toBe(true);
    now = 1000;
    expect("headers" in gate("GET", "/api/v1/models", ip("1.1.1.1"))).toBe(true);
  });

  it("limits snapshot creation separately and more strictly than reads", () => {
    const gate = createPublicGate(() => 0);
    const posts = Array.from({ length: 11 }, () => "respond" in gate("POST", "/api/v1/snapshots", ip("3.3.3.3")));
    expect(posts).toEqual([...Array(10).fill(false), true]);
    expect("headers" in gate("GET", "/api/v1/snapshots", ip("3.3.3.3"))).toBe(true);
  });

  it("gives cancels and other non-GET calls their own bucket, apart from reads and from snapshot creation", () => {
    const gate = createPublicGate(() => 0);
    const allowed = (method: string, path: string) => "headers" in gate(method, path, ip("5.5.5.5"));
    for (let i = 0; i < 10; i++) expect(allowed("POST", "/api/v1/snapshots")).toBe(true);
    expect(allowed("POST", "/api/v1/snapshots")).toBe(false);
    // The snapshot allowance is spent; cancels still have all 30 of theirs, and use none of the reads'.
    const cancels = Array.from({ length: 31 }, (_, i) => allowed("POST", `/api/v1/jobs/${i + 1}/cancel`));
    expect(cancels).toEqual([...Array(30).fill(true), false]);
    expect(allowed("DELETE", "/api/v1/models/x")).toBe(false); // the same writes bucket
    for (let i = 0; i < 120; i++) expect(allowed("GET", "/api/v1/leaderboard")).toBe(true);
  });

  it("adds CORS to public GETs, answers preflights, and leaves the worker protocol alone", () => {
    const gate = createPublicGate(() => 0);
    expect(gate("GET", "/api/v1/leaderboard", ip("4.4.4.4"))).toMatchObject({ headers: { "Access-Control-Allow-Origin": "*" } });
    const pre = gate("OPTIONS", "/api/v1/results/1", ip("4.4.4.4")) as { respond: Response };
    expect(pre.respond.status).toBe(204);
    expect(pre.respond.headers.get("access-control-allow-methods")).toBe("GET, HEAD, OPTIONS");
    expect(gate("POST", "/api/v1/worker/claim", ip("4.4.4.4"))).toEqual({ headers: {} });
    expect(gate("GET", "/api/v1/health", ip("4.4.4.4"))).toEqual({ headers: {} });
  });
});

describe("the buckets behind the front (real HTTP)", () => {
  const upstream = http.createServer((_req, res) =>
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end("{}"),
  );
  const listen = (s: http.Server) => new Promise<number>((r) => s.listen(0, "127.0.0.1", () => r((s.address() as AddressInfo).port)));
  let front: http.Server;
  let base: string;
  beforeAll(async () => {
    const upstreamPort = await listen(upstream);
    const cache = new ResponseCache({ maxBytes: 0, maxEntryBytes: 0, maxAgeMs: 0 });
    front = createFrontServer({
      upstream: { host: "127.0.0.1", port: upstreamPort },
      cache,
      gate: createPublicGate(),
      gateToken: "g".repeat(24),
    });
    base = `http://127.0.0.1:${await listen(front)}`;
  });
  afterAll(() => {
    front.close();
    upstream.close();
  });

  it("a client that used up snapshot creation can still cancel its jobs, and cancels do not use up snapshots", async () => {
    const post = (path: string) => fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    for (let i = 0; i < 10; i++) expect((await post("/api/v1/snapshots")).status).toBe(200);
    const limited = await post("/api/v1/snapshots");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ error: { code: "rate_limited" } });
    const cancels: number[] = [];
    for (let i = 1; i <= 31; i++) cancels.push((await post(`/api/v1/jobs/${i}/cancel`)).status);
    expect(cancels).toEqual([...Array(30).fill(200), 429]);
    expect((await fetch(`${base}/api/v1/leaderboard`)).status).toBe(200);
  });
});

describe("isSameOriginPost", () => {
  const req = (headers: Record<string, string>) => new Request("http://localhost:3000/api/v1/snapshots", { method: "POST", headers });
  const site = "http://localhost:3000";
  it("accepts this site's pages and non-browser clients, refuses other origins", () => {
    expect(isSameOriginPost(req({ host: "localhost:3000", origin: site }), site)).toBe(true);
    expect(isSameOriginPost(req({ host: "localhost:3000" }), site)).toBe(true);
    expect(isSameOriginPost(req({ host: "localhost:3000", origin: "https://evil.example" }), site)).toBe(false);
    expect(isSameOriginPost(req({ host: "localhost:3000", origin: "null" }), site)).toBe(false);
  });

  it("never trusts the Host or X-Forwarded-Host a client sends", () => {
    expect(isSameOriginPost(req({ host: "evil.example", origin: "http://evil.example" }), site)).toBe(false);
    expect(isSameOriginPost(req({ "x-forwarded-host": "evil.example", origin: "http://evil.example" }), site)).toBe(false);
  });
});
