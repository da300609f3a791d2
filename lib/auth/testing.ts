/** Test helpers: a real better-auth instance over a test database, and accounts made through its own endpoints. */
import type { Db } from "@/db";
import { createAuth, type Auth } from "./server";

export const TEST_SITE = "http://site.test";

export function createTestAuth(db: Db): Auth {
  return createAuth(db, { secret: "test-secret-only-for-tests-0123456789abcdef", baseURL: TEST_SITE });
}

/** Signs up through POST /api/auth/sign-up/email and returns the session cookie the browser would keep. */
export async function signUpForTest(auth: Auth, email: string, name = email.split("@")[0]): Promise<{ cookie: string; userId: string }> {
  const res = await auth.handler(
    new Request(`${TEST_SITE}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_SITE },
      body: JSON.stringify({ email, password: "correct horse battery", name }),
    }),
  );
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string } };
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return { cookie, userId: body.user.id };
}
