/** Test helpers: a real better-auth instance over a test database, and accounts made through its own endpoints. */
import type { Db } from "@/db";
import { createAuth, type Auth } from "./server";

export const TEST_SITE = "http://site.test";

export function createTestAuth(db: Db): Auth {
  return createAuth(db, { secret: "test-secret-only-for-tests-0123456789abcdef", baseURL: TEST_SITE });
}

export const TEST_PASSWORD = "correct horse battery";

const postJson = (auth: Auth, path: string, body: unknown) =>
  auth.handler(
    new Request(`${TEST_SITE}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_SITE },
      body: JSON.stringify(body),
    }),
  );

/** Signs in through POST /api/auth/sign-in/email and returns the session cookie the browser would keep. */
export async function signInForTest(auth: Auth, email: string, password = TEST_PASSWORD): Promise<{ cookie: string; userId: string }> {
  const res = await postJson(auth, "/api/auth/sign-in/email", { email, password });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string } };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { cookie, userId: body.user.id };
}

/** Signs up through POST /api/auth/sign-up/email (which signs nobody in), then signs in as the form does. */
export async function signUpForTest(auth: Auth, email: string, name = email.split("@")[0]): Promise<{ cookie: string; userId: string }> {
  const res = await postJson(auth, "/api/auth/sign-up/email", { email, password: TEST_PASSWORD, name });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  return signInForTest(auth, email);
}
