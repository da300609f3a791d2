/**
 * End-to-end tests in Debian's Chromium (CHROMIUM_PATH overrides). The web server seeds a fresh PGlite
 * directory and only then starts the site (scripts/site.ts: the front and `next start`) on it: the seed process exits before the server opens the
 * directory, because PGlite must never be opened by two processes. Playwright starts `webServer` before
 * `globalSetup`, so the seed runs in the server command itself rather than in a global setup.
 * Needs a production build first (`npx next build`).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { assertLocalDatabaseUrl } from "./e2e/local-database";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://127.0.0.1:${PORT}`;

assertLocalDatabaseUrl(process.env.DATABASE_URL);
// Set once in the runner process; workers inherit them, so they create no directories or secrets of their own.
process.env.E2E_DIR ??= mkdtempSync(path.join(os.tmpdir(), "leaderboard-e2e-"));
process.env.E2E_AUTH_SECRET ??= randomBytes(32).toString("base64url");
const E2E_DIR = process.env.E2E_DIR;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `npx tsx scripts/db-seed.ts && exec node --import tsx scripts/site.ts -p ${PORT} -H 127.0.0.1`,
    url: `${BASE_URL}/about`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PGLITE_DIR: path.join(E2E_DIR, "pglite"),
      DATA_DIR: path.join(E2E_DIR, "data"),
      PUBLIC_URL: BASE_URL,
      BETTER_AUTH_SECRET: process.env.E2E_AUTH_SECRET,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      // Every spec signs up and in from 127.0.0.1, which the default (20 per 15 min) runs out of; the limit itself is
      // tested through the auth handler (lib/auth) and over real HTTP with forged headers (lib/server).
      AUTH_ATTEMPTS_PER_15_MIN: "500",
    },
  },
});
