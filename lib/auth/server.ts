import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins";
import type { Db } from "@/db";
import { accounts, sessions, users, verifications } from "@/db/schema";
import { SIGN_UP_RECEIVED } from "./messages";

export type AuthConfig = {
  secret: string;
  /** The site's public address: cookies, OAuth callbacks and the trusted origin derive from it. */
  baseURL: string;
  github?: { clientId: string; clientSecret: string };
  orcid?: { clientId: string; clientSecret: string };
};

/** ORCID's OpenID Connect gives no e-mail address; accounts get a stable, undeliverable placeholder instead. */
function orcidProvider(orcid: NonNullable<AuthConfig["orcid"]>) {
  return {
    providerId: "orcid",
    clientId: orcid.clientId,
    clientSecret: orcid.clientSecret,
    discoveryUrl: "https://orcid.org/.well-known/openid-configuration",
    scopes: ["openid"],
    mapProfileToUser: (profile: Record<string, unknown>) => ({
      name: [profile.given_name, profile.family_name].filter(Boolean).join(" ") || String(profile.sub),
      email: typeof profile.email === "string" ? profile.email : `${String(profile.sub)}@orcid.invalid`,
    }),
  };
}

/**
 * Sign-up does not tell whether an e-mail address has an account. There is no e-mail delivery to prove who owns an
 * address, so the only way to keep sign-up from telling a stranger "this address is registered" is to answer both
 * cases alike and sign nobody in: with autoSignIn off better-auth hashes the password either way, creates the account
 * only for a new address, leaves an existing one untouched and sets no cookie. Its body for an existing address would
 * be a made-up user with a made-up id; the plain statement SIGN_UP_RECEIVED replaces both bodies.
 */
const answerSignUpAlike = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== "/sign-up/email" || isAPIError(ctx.context.returned)) return;
  return ctx.json(SIGN_UP_RECEIVED);
});

/**
 * better-auth over our drizzle tables: e-mail + password always (scrypt hashes), GitHub and ORCID when configured.
 * Its own rate limiter is off: lib/auth/rate-limit.ts limits sign-in and sign-up per IP in the route handler.
 */
export function createAuth(db: Db, config: AuthConfig) {
  return betterAuth({
    appName: "Harmonization Leaderboard",
    secret: config.secret,
    baseURL: config.baseURL,
    basePath: "/api/auth",
    trustedOrigins: [new URL(config.baseURL).origin],
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    emailAndPassword: { enabled: true, minPasswordLength: 10, maxPasswordLength: 128, autoSignIn: false },
    hooks: { after: answerSignUpAlike },
    socialProviders: config.github ? { github: { clientId: config.github.clientId, clientSecret: config.github.clientSecret } } : {},
    plugins: config.orcid ? [genericOAuth({ config: [orcidProvider(config.orcid)] })] : [],
    user: {
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "submitter", input: false },
      },
    },
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    advanced: { useSecureCookies: config.baseURL.startsWith("https://") },
  });
}

export type Auth = ReturnType<typeof createAuth>;
