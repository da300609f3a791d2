/**
 * Download links for one board view: the CSV and JSON endpoints (/api/v1/downloads/leaderboard.*) with the view's
 * benchmark and filters, so the file holds what the table shows (every page of it) and is named after it.
 */
import { leaderboardQueryToSearchParams, type LeaderboardQuery } from "@/lib/leaderboard/filters";

/** The download endpoints' query for a view: its benchmark and filters; paging is left out (a download is every row). */
export function boardDownloadQuery(query: LeaderboardQuery): string {
  const view = leaderboardQueryToSearchParams({ ...query, page: 1 });
  view.delete("page_size");
  view.delete("benchmark");
  // Named even when it is the default benchmark: the link says which board it downloads.
  return new URLSearchParams([["benchmark", query.benchmark], ...view]).toString();
}

type Props = { query: LeaderboardQuery; benchmarkTitle: string; filtered: boolean };

export function BoardDownloads({ query, benchmarkTitle, filtered }: Props) {
  const qs = boardDownloadQuery(query);
  return (
    <p className="board-downloads">
      Download {filtered ? "this filtered view" : "this board"} of {benchmarkTitle}, every page:{" "}
      <a href={`/api/v1/downloads/leaderboard.csv?${qs}`} download>
        CSV
      </a>{" "}
      ·{" "}
      <a href={`/api/v1/downloads/leaderboard.json?${qs}`} download>
        JSON
      </a>
    </p>
  );
}
