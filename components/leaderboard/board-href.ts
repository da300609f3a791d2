import { findBenchmark } from "@/lib/benchmarks";
import { DEFAULT_QUERY, leaderboardQueryToSearchParams, parseLeaderboardQuery, type LeaderboardQuery } from "@/lib/leaderboard/filters";

/**
 * A link to the board at `basePath` with the query changed by `patch`. On a benchmark's own page the
 * benchmark lives in the path, so it is left out of the query string.
 */
export function boardHref(basePath: string, query: LeaderboardQuery, patch: Partial<LeaderboardQuery>, benchmarkInPath: boolean): string {
  const params = leaderboardQueryToSearchParams({ ...query, ...patch });
  if (benchmarkInPath) params.delete("benchmark");
  const qs = params.toString();
  return qs ? `${basePath}?${qs}` : basePath;
}

/** The default board ("/"): model and result links from it carry no `from`, since it is where back links go anyway. */
export const HOME_BOARD = "/";

/** The board a benchmark's result belongs on: the home board of that benchmark (and version, when not the current one). */
export function benchmarkBoardHref(benchmarkId: string, version: number | null = null): string {
  return boardHref("/", { ...DEFAULT_QUERY, benchmark: benchmarkId, version }, {}, false);
}

const ORIGIN = "http://board.invalid";
const BENCHMARK_PATH = /^\/benchmarks\/([a-z0-9][a-z0-9-]{0,63})$/;

/**
 * The board a visitor came from, read from a `from` query parameter: only a same-site board ("/" or
 * "/benchmarks/<known id>") with its filters, rewritten in the board's own URL form (unknown or bad parameters
 * dropped). Anything else (another site, "//host", another path, an unknown benchmark) is null.
 */
export function parseBoardFrom(raw: string | string[] | undefined): string | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || value.length > 2000 || !value.startsWith("/") || value.startsWith("//") || /[\\\s]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== ORIGIN) return null;
  const inPath = BENCHMARK_PATH.exec(url.pathname);
  if (url.pathname !== "/" && !inPath) return null;
  const { query } = parseLeaderboardQuery(url.searchParams);
  if (inPath) query.benchmark = inPath[1];
  if (!findBenchmark(query.benchmark)) return null;
  return boardHref(url.pathname, query, {}, !!inPath);
}

/** `href` with the board to return to (left out when it is the home board, the back links' default). */
export function withBoardFrom(href: string, from: string | null): string {
  if (!from || from === HOME_BOARD) return href;
  return `${href}${href.includes("?") ? "&" : "?"}from=${encodeURIComponent(from)}`;
}
