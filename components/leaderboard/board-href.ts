import { leaderboardQueryToSearchParams, type LeaderboardQuery } from "@/lib/leaderboard/filters";

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
