import { getDb, type Db } from "@/db";
import { getEnv } from "@/lib/env";
import { resolveAuthSecret } from "./secret";
import { createAuth, type Auth } from "./server";

export type { Auth } from "./server";

const globalForAuth = globalThis as unknown as { __leaderboardAuth?: Promise<Auth> };

/** The process-wide auth instance over the process database, configured from the environment. */
export function getAuth(): Promise<Auth> {
  if (!globalForAuth.__leaderboardAuth) {
    const env = getEnv();
    const pair = (id?: string, secret?: string) => (id && secret ? { clientId: id, clientSecret: secret } : undefined);
    globalForAuth.__leaderboardAuth = getDb().then((db) =>
      createAuth(db, {
        secret: resolveAuthSecret(env),
        baseURL: env.PUBLIC_URL,
        github: pair(env.GITHUB_CLIENT_ID, env.GITHUB_CLIENT_SECRET),
        orcid: pair(env.ORCID_CLIENT_ID, env.ORCID_CLIENT_SECRET),
      }),
    );
    globalForAuth.__leaderboardAuth.catch(() => (globalForAuth.__leaderboardAuth = undefined));
  }
  return globalForAuth.__leaderboardAuth;
}

export type RequestContext = { db: Db; auth: Auth; siteOrigin: string };

/** What the state-changing route handlers need: the database, auth, and the site's origin for the CSRF check. */
export async function getRequestContext(): Promise<RequestContext> {
  const [db, auth] = await Promise.all([getDb(), getAuth()]);
  return { db, auth, siteOrigin: new URL(getEnv().PUBLIC_URL).origin };
}
