/**
 * The front's response cache never serves an owner's view of something private to anyone else. Real HTTP on both
 * sides: the front server, and behind it the real result, model and publish handlers with a real session (PGlite and
 * PostgreSQL). Requests with credentials are never cached; and even an upstream that answered a credential-less
 * request with an owner's view (Vary on the credentials) would not have it stored.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createEvaluation, createModel } from "@/db/factories";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { handlePublishResult } from "@/lib/api/publish";
import { handleResult } from "@/lib/api/public-results";
import { handleModel } from "@/lib/api/read-handlers";
import type { RequestContext } from "@/lib/auth";
import { createTestAuth, signUpForTest, TEST_SITE } from "@/lib/auth/testing";
import { createApiToken } from "@/lib/queries/api-tokens";
import { recomputeRanks } from "@/lib/queries/ranks";
import { createFrontServer } from "./front";
import { ResponseCache } from "./response-cache";

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

function request(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, method: opts.method ?? "GET", headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

const listen = (s: http.Server) => new Promise<number>((r) => s.listen(0, "127.0.0.1", () => r((s.address() as AddressInfo).port)));

describe.each(testDatabaseKinds())("the front never serves an owner's view to others, on %s", (kind) => {
  let handle: DatabaseHandle;
  let ctx: RequestContext;
  let upstream: http.Server;
  let front: http.Server;
  let port: number;
  let cache: ResponseCache;
  let owner: { cookie: string; userId: string };
  let token: string;
  let privateId = 0;
  let publicId = 0;
  let privateSlug = "";
  /** Simulates a misconfigured hop that adds the owner's session to requests the front saw as anonymous. */
  let injectOwnerCookie = false;

  /** Stands in for `next start`: the same handler bodies the app/api/v1 routes call. */
  function serveHandlers(): http.Server {
    return http.createServer(async (req, res) => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      if (injectOwnerCookie) headers.set("cookie", owner.cookie);
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const request = new Request(`${TEST_SITE}${req.url}`, {
        method: req.method,
        headers,
        body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
      });
      const path = new URL(request.url).pathname;
      let m: RegExpMatchArray | null;
      let response: Response;
      if ((m = path.match(/^\/api\/v1\/results\/([^/]+)\/publish$/))) response = await handlePublishResult(ctx, request, m[1]);
      else if ((m = path.match(/^\/api\/v1\/results\/([^/]+)$/))) response = await handleResult(ctx.db, request, m[1], ctx.auth);
      else if ((m = path.match(/^\/api\/v1\/models\/([^/]+)$/)))
        response = await handleModel(ctx.db, m[1], { req: request, auth: ctx.auth });
      else response = new Response("no route", { status: 404 });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  }

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    ctx = { db: handle.db, auth: createTestAuth(handle.db), siteOrigin: TEST_SITE };
    owner = await signUpForTest(ctx.auth, "owner@example.org", "Owner");
    token = (await createApiToken(handle.db, owner.userId, "ci")).token;
    const mine = await createModel(handle.db, {
      slug: "mine-0a1b2c3d",
      displayName: "Mine",
      visibility: "private",
      ownerUserId: owner.userId,
      ownerName: "Owner",
    });
    const theirs = await createModel(handle.db, { slug: "public-one", displayName: "Public One" });
    privateSlug = mine.slug;
    privateId = (await createEvaluation(handle.db, mine, { visibility: "private", alignment: 0.5 })).id;
    publicId = (await createEvaluation(handle.db, theirs, { alignment: 0.4 })).id;
    await recomputeRanks(handle.db, "clickme", 1);
    upstream = serveHandlers();
    const upstreamPort = await listen(upstream);
    cache = new ResponseCache({ maxBytes: 1 << 20, maxEntryBytes: 1 << 18, maxAgeMs: Infinity });
    front = createFrontServer({
      upstream: { host: "127.0.0.1", port: upstreamPort },
      cache,
      gate: () => ({ headers: {} }),
      gateToken: "t".repeat(32),
    });
    port = await listen(front);
  });
  afterAll(async () => {
    front?.close();
    upstream?.close();
    await handle?.close();
  });
  beforeEach(() => {
    injectOwnerCookie = false;
  });

  it("anonymous requests get the 404 before, between and after the owner's own (uncached) views", async () => {
    const url = `/api/v1/results/${privateId}`;
    const before = await request(port, url);
    expect(before.status).toBe(404);
    for (const headers of [{ cookie: owner.cookie }, { authorization: `Bearer ${token}` }] as Record<string, string>[]) {
      const mine = await request(port, url, { headers });
      expect(mine.status).toBe(200);
      expect(mine.headers["x-cache"]).toBeUndefined(); // streamed through: requests with credentials never touch the cache
      expect(mine.headers["cache-control"]).toBe("private, no-store");
      expect(JSON.parse(mine.body).private_notice).toMatch(/^Private/);
      const after = await request(port, url);
      expect({ status: after.status, body: after.body }).toEqual({ status: 404, body: before.body });
    }
    const model = await request(port, `/api/v1/models/${privateSlug}`, { headers: { cookie: owner.cookie } });
    expect(model.status).toBe(200);
    expect((await request(port, `/api/v1/models/${privateSlug}`)).status).toBe(404);
  });

  it("an owner's view that reached the cache path anyway (Vary on the credentials) is not stored", async () => {
    const url = `/api/v1/models/${privateSlug}`;
    injectOwnerCookie = true;
    const leaked = await request(port, url);
    expect(leaked.status).toBe(200); // what the misconfigured hop produced, answered once to that request
    expect(leaked.headers["x-cache"]).toBe("BYPASS");
    expect(leaked.headers.vary).toContain("Cookie");
    injectOwnerCookie = false;
    const next = await request(port, url);
    expect(next.status).toBe(404);
    expect(next.body).not.toContain("Mine");
  });

  it("public results are cached as before; publishing through the front invalidates, and the page is then public", async () => {
    const pub = `/api/v1/results/${publicId}`;
    expect((await request(port, pub)).headers["x-cache"]).toBe("MISS");
    expect((await request(port, pub)).headers["x-cache"]).toBe("HIT");
    const url = `/api/v1/results/${privateId}`;
    expect((await request(port, url)).status).toBe(404);
    const published = await request(port, `${url}/publish`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(published.status).toBe(200);
    const now = await request(port, url);
    expect(now.status).toBe(200);
    expect(now.headers["x-cache"]).toBe("MISS");
    expect(JSON.parse(now.body).result).toMatchObject({ visibility: "public", rank: 1 });
    expect((await request(port, pub)).headers["x-cache"]).toBe("MISS"); // the write invalidated every entry
  });
});
