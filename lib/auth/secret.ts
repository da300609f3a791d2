import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Env } from "@/lib/env";

/**
 * The secret that signs session cookies. A deployment must set BETTER_AUTH_SECRET; development, tests and the
 * embedded local default (`npm run serve`, LOCAL_SERVICES=1) get a random one generated once and kept (mode 0600)
 * in DATA_DIR/auth-secret, so sessions survive restarts and no secret is ever a hard-coded default.
 */
export function resolveAuthSecret(env: Pick<Env, "NODE_ENV" | "BETTER_AUTH_SECRET" | "DATA_DIR" | "LOCAL_SERVICES">): string {
  if (env.BETTER_AUTH_SECRET) return env.BETTER_AUTH_SECRET;
  if (env.NODE_ENV === "production" && env.LOCAL_SERVICES !== "1") {
    throw new Error("BETTER_AUTH_SECRET is not set; production needs it (at least 32 characters: `openssl rand -base64 32`).");
  }
  const file = path.resolve(env.DATA_DIR, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  try {
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return fs.readFileSync(file, "utf8").trim();
    throw err;
  }
}
