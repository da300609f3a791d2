/**
 * Rows per page as plain links (no JavaScript needed, the size stays in the URL). Changing the size keeps the
 * first row on screen in view: it opens the page of the new size that holds that row.
 */
import Link from "next/link";
import { PAGE_SIZE_CHOICES, type LeaderboardQuery } from "@/lib/leaderboard/filters";
import { boardHref } from "./board-href";

type Props = { query: LeaderboardQuery; basePath: string; benchmarkInPath: boolean };

/** The page of size `newSize` that holds the first row of `page` at size `oldSize`. */
export function pageKeepingFirstRow(page: number, oldSize: number, newSize: number): number {
  return Math.floor(((page - 1) * oldSize) / newSize) + 1;
}

export function PageSizeControl({ query, basePath, benchmarkInPath }: Props) {
  const sizes = [...new Set<number>([...PAGE_SIZE_CHOICES, query.pageSize])].sort((a, b) => a - b);
  return (
    <nav className="page-size" aria-label="Rows per page">
      <span className="muted">Rows per page:</span>{" "}
      {sizes.map((size) =>
        size === query.pageSize ? (
          <span key={size} className="page-link is-current" aria-current="true">
            {size}
          </span>
        ) : (
          <Link
            key={size}
            className="page-link"
            aria-label={`${size} rows per page`}
            href={boardHref(
              basePath,
              query,
              { pageSize: size, page: pageKeepingFirstRow(query.page, query.pageSize, size) },
              benchmarkInPath,
            )}
          >
            {size}
          </Link>
        ),
      )}
    </nav>
  );
}
