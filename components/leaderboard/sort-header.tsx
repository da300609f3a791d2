/** A column header that sorts by following a link, so sorting works without JavaScript. */
import Link from "next/link";
import { DEFAULT_DIR, type LeaderboardQuery, type SortKey } from "@/lib/leaderboard/filters";
import { boardHref } from "./board-href";

type Props = {
  label: string;
  sortKey: SortKey;
  query: LeaderboardQuery;
  basePath: string;
  benchmarkInPath: boolean;
  numeric?: boolean;
  note?: string;
  /** Extra classes for the header cell (e.g. "col-wide": hidden on phones). */
  className?: string;
};

export function SortHeader({ label, sortKey, query, basePath, benchmarkInPath, numeric, note, className }: Props) {
  const active = query.sort === sortKey;
  const nextDir = active ? (query.dir === "asc" ? "desc" : "asc") : DEFAULT_DIR[sortKey];
  const href = boardHref(basePath, query, { sort: sortKey, dir: nextDir, page: 1 }, benchmarkInPath);
  const arrow = active ? (query.dir === "asc" ? "▲" : "▼") : "";
  return (
    <th
      scope="col"
      className={[numeric ? "num" : "", className ?? ""].filter(Boolean).join(" ") || undefined}
      aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link href={href} className="sort-link" rel="nofollow" scroll={false}>
        {label}
        <span className="sort-arrow" aria-hidden="true">
          {arrow}
        </span>
        <span className="visually-hidden">
          {active ? `, sorted ${query.dir === "asc" ? "ascending" : "descending"}; ` : ", "}
          sort {nextDir === "asc" ? "ascending" : "descending"}
        </span>
      </Link>
      {note && <span className="th-note">{note}</span>}
    </th>
  );
}
