import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, users } from "@/db/schema";
import { openTestDatabase, testDatabaseKinds, type TestDatabaseKind } from "@/db/testing";
import type { DatabaseHandle } from "@/db/client";
import { createApiToken, hashApiToken } from "@/lib/queries/api-tokens";
import { setUserRole } from "@/lib/queries/users";
import { isSameOriginRequest, requireAdmin, requireCaller, resolveCaller } from "./caller";
import { handleAuthRequest } from "./handler";
import { SIGN_UP_RECEIVED } from "./messages";
import { SlidingWindowLimiter } from "./rate-limit";
import type { Auth } from "./server";
import { createTestAuth, signInForTest, signUpForTest, TEST_PASSWORD, TEST_SITE } from "./testing";

const post = (path: string, headers: Record<string, string>) => new Request(`${TEST_SITE}${path}`, { method: "POST", headers });

describe.each(testDatabaseKinds())("accounts on %s", (kind: TestDatabaseKind) => {
  let handle: DatabaseHandle;
  let auth: Auth;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    auth = createTestAuth(handle.db);
  });
  afterAll(() => handle.close());

  it("signs up with e-mail and password, then signs in: a submitter, the password stored as a hash, a session cookie", async () => {
    const { cookie, userId } = await signUpForTest(auth, "ada@example.org");
    const [user] = await handle.db.select().from(users).where(eq(users.id, userId));
    expect(user.role).toBe("submitter");
    const [account] = await handle.db.select().from(accounts).where(eq(accounts.userId, userId));
    expect(account.providerId).toBe("credential");
    expect(account.password).not.toContain("correct horse");
    expect(account.password!.length).toBeGreaterThan(40);
    const caller = await resolveCaller(handle.db, auth, new Headers({ cookie }));
    expect(caller).toMatchObject({ id: userId, role: "submitter", via: "session" });
  });

  it("ignores a role sent with the sign-up: every new account is a submitter", async () => {
    const res = await auth.handler(
      new Request(`${TEST_SITE}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: TEST_SITE },
        body: JSON.stringify({ email: "eve@example.org", password: "correct horse battery", name: "eve", role: "admin" }),
      }),
    );
    expect(res.status).toBe(200);
    const [eve] = await handle.db.select().from(users).where(eq(users.email, "eve@example.org"));
    expect(eve.role).toBe("submitter");
  });

  it("stores API tokens as sha256 only, resolves them, and refuses revoked or unknown ones", async () => {
    const { userId } = await signUpForTest(auth, "tok@example.org");
    const { token, row } = await createApiToken(handle.db, userId, "laptop");
    expect(JSON.stringify(row)).not.toContain(token);
    const stored = await handle.db.query.apiTokens.findFirst({ where: (t, { eq }) => eq(t.id, row.id) });
    expect(stored!.tokenHash).toBe(hashApiToken(token));
    expect(stored!.tokenHash).not.toContain(token.slice(4, 20));
    const caller = await resolveCaller(handle.db, auth, new Headers({ authorization: `Bearer ${token}` }));
    expect(caller).toMatchObject({ id: userId, via: "token" });
    await expect(resolveCaller(handle.db, auth, new Headers({ authorization: "Bearer hlp_nope" }))).rejects.toMatchObject({
      code: "unauthenticated",
    });
  });

  it("refuses cookie calls from another site (CSRF) but accepts same-origin ones and tokens", async () => {
    const { cookie, userId } = await signUpForTest(auth, "csrf@example.org");
    await expect(requireCaller(handle.db, auth, post("/x", { cookie, origin: "https://evil.example" }), TEST_SITE)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(requireCaller(handle.db, auth, post("/x", { cookie }), TEST_SITE)).rejects.toMatchObject({ code: "forbidden" });
    await expect(requireCaller(handle.db, auth, post("/x", { cookie, "sec-fetch-site": "cross-site" }), TEST_SITE)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(requireCaller(handle.db, auth, post("/x", { cookie, origin: TEST_SITE }), TEST_SITE)).resolves.toMatchObject({
      id: userId,
    });
    await expect(requireCaller(handle.db, auth, post("/x", { cookie, "sec-fetch-site": "same-origin" }), TEST_SITE)).resolves.toMatchObject(
      { id: userId },
    );
    await expect(requireCaller(handle.db, auth, post("/x", {}), TEST_SITE)).rejects.toMatchObject({ code: "unauthenticated" });
    const { token } = await createApiToken(handle.db, userId, "ci");
    await expect(
      requireCaller(handle.db, auth, post("/x", { authorization: `Bearer ${token}`, origin: "https://evil.example" }), TEST_SITE),
    ).resolves.toMatchObject({ via: "token" });
  });

  it("admin checks follow the role granted by setUserRole", async () => {
    const { cookie } = await signUpForTest(auth, "boss@example.org");
    const req = () => post("/x", { cookie, origin: TEST_SITE });
    await expect(requireAdmin(handle.db, auth, req(), TEST_SITE)).rejects.toMatchObject({ code: "forbidden" });
    await setUserRole(handle.db, "Boss@example.org", "admin");
    await expect(requireAdmin(handle.db, auth, req(), TEST_SITE)).resolves.toMatchObject({ role: "admin" });
    await expect(setUserRole(handle.db, "nobody@example.org", "admin")).rejects.toMatchObject({ code: "not_found" });
  });

  it("answers a sign-up for a registered e-mail exactly like one for a new e-mail, and changes nothing", async () => {
    const limiter = new SlidingWindowLimiter(100, 60_000);
    const signUp = (email: string, password: string, name: string) =>
      handleAuthRequest(
        auth,
        limiter,
        new Request(`${TEST_SITE}/api/auth/sign-up/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: TEST_SITE, "sec-fetch-site": "same-origin" },
          body: JSON.stringify({ email, password, name }),
        }),
        TEST_SITE,
      );
    const answer = async (res: Response) => ({ status: res.status, cookies: res.headers.getSetCookie(), body: await res.json() });
    const fresh = await answer(await signUp("new@example.org", TEST_PASSWORD, "New"));
    const again = await answer(await signUp("NEW@example.org", "another password 123", "Mallory"));
    expect(fresh).toEqual({ status: 200, cookies: [], body: SIGN_UP_RECEIVED });
    expect(again).toEqual(fresh);
    // The existing account is untouched: one row, its name, its password (the second one does not sign in).
    const rows = await handle.db.select().from(users).where(eq(users.email, "new@example.org"));
    expect(rows.map((u) => u.name)).toEqual(["New"]);
    await expect(signInForTest(auth, "new@example.org")).resolves.toMatchObject({ userId: rows[0].id });
    await expect(signInForTest(auth, "new@example.org", "another password 123")).rejects.toThrow(/sign-in failed: 401/);
    // Bad input is refused the same way for both, before the address is looked at.
    const short = [await signUp("new@example.org", "short", "x"), await signUp("fresh2@example.org", "short", "x")];
    expect(short.map((r) => r.status)).toEqual([400, 400]);
    expect(await short[0].json()).toEqual(await short[1].json());
  });

  it("refuses a sign-in or sign-up from a page at another origin than PUBLIC_URL's in words, in the error envelope", async () => {
    const limiter = new SlidingWindowLimiter(100, 60_000);
    for (const path of ["/api/auth/sign-in/email", "/api/auth/sign-up/email"]) {
      const res = await handleAuthRequest(
        auth,
        limiter,
        new Request(`http://127.0.0.1:3000${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" },
          body: JSON.stringify({ email: "ada@example.org", password: TEST_PASSWORD, name: "Ada" }),
        }),
        TEST_SITE,
      );
      expect(res.status).toBe(403);
      expect(res.headers.getSetCookie()).toEqual([]);
      expect(await res.json()).toEqual({
        error: {
          code: "forbidden",
          message: `Open this site at ${TEST_SITE} to sign in or create an account: this page was opened at http://127.0.0.1:3000, and signing in works only at the site's own address.`,
        },
      });
    }
    // The site's own origin goes through to better-auth.
    const ok = await handleAuthRequest(
      auth,
      limiter,
      new Request(`${TEST_SITE}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: TEST_SITE },
        body: JSON.stringify({ email: "ada@example.org", password: TEST_PASSWORD }),
      }),
      TEST_SITE,
    );
    expect(ok.status).toBe(200);
  });

  it("limits sign-in attempts per IP with 429 and Retry-After, other addresses unaffected", async () => {
    const limiter = new SlidingWindowLimiter(3, 60_000);
    const attempt = (ip: string) =>
      handleAuthRequest(
        auth,
        limiter,
        new Request(`${TEST_SITE}/api/auth/sign-in/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: TEST_SITE, "x-forwarded-for": ip },
          body: JSON.stringify({ email: "ada@example.org", password: "wrong password here" }),
        }),
        TEST_SITE,
      );
    for (let i = 0; i < 3; i++) expect((await attempt("10.0.0.1")).status).toBe(401);
    const limited = await attempt("10.0.0.1");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await attempt("10.0.0.2")).status).toBe(401);
  });
});

describe("same-origin check", () => {
  it("accepts the site origin or the request's own origin, nothing else", () => {
    const h = (o: Record<string, string>) => new Headers(o);
    expect(isSameOriginRequest(h({ origin: TEST_SITE }), "http://localhost:3000/a", TEST_SITE)).toBe(true);
    expect(isSameOriginRequest(h({ origin: "http://localhost:3000" }), "http://localhost:3000/a", TEST_SITE)).toBe(true);
    expect(isSameOriginRequest(h({ origin: "null" }), "http://localhost:3000/a", TEST_SITE)).toBe(false);
    expect(isSameOriginRequest(h({ origin: "http://localhost:3001" }), "http://localhost:3000/a", TEST_SITE)).toBe(false);
  });
});

describe("sliding window", () => {
  it("frees a slot exactly when the oldest attempt leaves the window", () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(2, 1000, () => now);
    expect(limiter.take("a").allowed).toBe(true);
    now = 400;
    expect(limiter.take("a").allowed).toBe(true);
    now = 999;
    expect(limiter.take("a")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now = 1000;
    expect(limiter.take("a").allowed).toBe(true);
    now = 1300;
    expect(limiter.take("a").allowed).toBe(false);
  });
});
