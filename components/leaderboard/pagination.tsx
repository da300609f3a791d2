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

/** First, previous, a window of pages, next, last and "Page p of n": the board's and the explorer's page links. */
export function PageLinks({ page, pages, href, label }: { page: number; pages: number; href: (page: number) => string; label: string }) {
  if (pages <= 1) return null;
  const n = (v: number) => v.toLocaleString("en-US");
  const edge = (text: string, to: number, rel?: string) =>
    to === page || to < 1 || to > pages ? (
      <span className="page-link is-disabled" aria-disabled="true">
        {text}
      </span>
    ) : (
      <Link className="page-link" href={href(to)} rel={rel}>
        {text}
      </Link>
    );
  return (
    <nav className="pagination" aria-label={label}>
      {edge("« First", 1)}
      {edge("‹ Previous", page - 1, "prev")}
      {pageWindow(page, pages).map((p) =>
        p === page ? (
          <span key={p} className="page-link is-current" aria-current="page">
            {p}
          </span>
        ) : (
          <Link key={p} className="page-link" href={href(p)} aria-label={`Page ${p}`}>
            {p}
          </Link>
        ),
      )}
      {edge("Next ›", page + 1, "next")}
      {edge("Last »", pages)}
      <span className="page-count">
        Page {n(page)} of {n(pages)}
      </span>
    </nav>
  );
}

export function Pagination({ query, total, basePath, benchmarkInPath }: Props) {
  const pages = Math.max(1, Math.ceil(total / query.pageSize));
  return (
    <PageLinks
      page={Math.min(query.page, pages)}
      pages={pages}
      href={(page) => boardHref(basePath, query, { page }, benchmarkInPath)}
      label="Pages of the leaderboard"
    />
  );
}
