import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveAuthSecret } from "./secret";

describe("resolveAuthSecret", () => {
  const made: string[] = [];
  const dataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth-secret-"));
    made.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("uses BETTER_AUTH_SECRET when set", () => {
    const secret = "s".repeat(40);
    expect(resolveAuthSecret({ NODE_ENV: "production", BETTER_AUTH_SECRET: secret, DATA_DIR: dataDir(), LOCAL_SERVICES: "0" })).toBe(
      secret,
    );
  });

  it("refuses a deployment without one", () => {
    expect(() =>
      resolveAuthSecret({ NODE_ENV: "production", BETTER_AUTH_SECRET: undefined, DATA_DIR: dataDir(), LOCAL_SERVICES: "0" }),
    ).toThrow(/BETTER_AUTH_SECRET is not set/);
  });

  it("generates, keeps (0600) and reuses one for the embedded local default and development", () => {
    const dir = dataDir();
    const local = { NODE_ENV: "production" as const, BETTER_AUTH_SECRET: undefined, DATA_DIR: dir, LOCAL_SERVICES: "1" as const };
    const first = resolveAuthSecret(local);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(path.join(dir, "auth-secret")).mode & 0o777).toBe(0o600);
    expect(resolveAuthSecret(local)).toBe(first);
    expect(resolveAuthSecret({ ...local, NODE_ENV: "development", LOCAL_SERVICES: "0" })).toBe(first);
  });
});
