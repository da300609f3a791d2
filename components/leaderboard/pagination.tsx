/** Page links (first, previous, a window around the current page, next, last): cheap at any board size. */
import Link from "next/link";
import type { LeaderboardQuery } from "@/lib/leaderboard/filters";
import { boardHref } from "./board-href";

type Props = { query: LeaderboardQuery; total: number; basePath: string; benchmarkInPath: boolean };

export function pageWindow(page: number, pages: number, radius = 2): number[] {
  const from = Math.max(1, Math.min(page - radius, pages - 2 * radius));
  const to = Math.min(pages, Math.max(page + radius, 1 + 2 * radius));
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

export function Pagination({ query, total, basePath, benchmarkInPath }: Props) {
  const pages = Math.max(1, Math.ceil(total / query.pageSize));
  if (pages <= 1) return null;
  const href = (page: number) => boardHref(basePath, query, { page }, benchmarkInPath);
  const current = Math.min(query.page, pages);
  const edge = (label: string, page: number, rel?: string) =>
    query.page === page || page < 1 || page > pages ? (
      <span className="page-link is-disabled" aria-disabled="true">
        {label}
      </span>
    ) : (
      <Link className="page-link" href={href(page)} rel={rel}>
        {label}
      </Link>
    );
  return (
    <nav className="pagination" aria-label="Pages of the leaderboard">
      {edge("« First", 1)}
      {edge("‹ Previous", current - 1, "prev")}
      {pageWindow(current, pages).map((p) =>
        p === query.page ? (
          <span key={p} className="page-link is-current" aria-current="page">
            {p}
          </span>
        ) : (
          <Link key={p} className="page-link" href={href(p)} aria-label={`Page ${p}`}>
            {p}
          </Link>
        ),
      )}
      {edge("Next ›", current + 1, "next")}
      {edge("Last »", pages)}
      <span className="page-count">
        Page {query.page} of {pages.toLocaleString("en-US")}
      </span>
    </nav>
  );
}
