/**
 * The end-to-end suite seeds and serves a database: it must never touch a shared one. A DATABASE_URL is
 * accepted only on a loopback host; without one, a fresh PGlite directory is used.
 */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export function assertLocalDatabaseUrl(url: string | undefined): void {
  if (!url) return;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    throw new Error("DATABASE_URL is not a valid URL; the e2e suite refuses to run against it.");
  }
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(
      `DATABASE_URL points at '${host}'. The e2e suite seeds the database it uses, so it only runs against a ` +
        "local one (localhost, 127.0.0.1, ::1) or, with DATABASE_URL unset, a fresh PGlite directory.",
    );
  }
}
