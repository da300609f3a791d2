// Route: /snapshots — the dated list of frozen views (nightly and cited), newest first.
import type { Metadata } from "next";
import Link from "next/link";
import { formatDate } from "@/components/format";
import { parseLeaderboardQuery } from "@/lib/leaderboard/filters";
import { getDb } from "@/lib/queries";
import { listSnapshots } from "@/lib/queries/snapshots";
import { describeFilters, snapshotQuery } from "@/lib/snapshots/describe";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Snapshots" };

const PAGE_SIZE = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SnapshotsPage({ searchParams }: Props) {
  const { query } = parseLeaderboardQuery(await searchParams);
  const list = await listSnapshots(await getDb(), { page: query.page, pageSize: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  return (
    <article>
      <h1>Snapshots</h1>
      <p className="lede">
        Frozen views of the leaderboard: one every night when the board changed, and one whenever someone cites a view. Each id is the start
        of the sha256 of the view&apos;s content, so the same view always has the same id.
      </p>
      {list.rows.length === 0 ? (
        <p className="muted">No snapshots yet.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label="Snapshots" tabIndex={0}>
          <table className="board">
            <caption>{list.total} snapshots, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Snapshot</th>
                <th scope="col">Benchmark</th>
                <th scope="col">Filters</th>
                <th scope="col">Models</th>
                <th scope="col">Data cut-off</th>
                <th scope="col">Kind</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((s) => (
                <tr key={s.id}>
                  <td>{formatDate(s.createdAt)}</td>
                  <th scope="row">
                    <Link href={`/snapshots/${s.id}`}>
                      <code>{s.id}</code>
                    </Link>
                  </th>
                  <td>
                    {s.benchmarkId} v{s.benchmarkVersion}
                  </td>
                  <td>{describeFilters(snapshotQuery(s.query)) || "—"}</td>
                  <td className="num">{s.rowCount}</td>
                  <td>{formatDate(s.dataCutoff)}</td>
                  <td>{s.origin === "nightly" ? "nightly" : "cited"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="pagination">
          {query.page > 1 && <Link href={`/snapshots?page=${query.page - 1}`}>Newer</Link>}{" "}
          <span>
            Page {query.page} of {pages}
          </span>{" "}
          {query.page < pages && <Link href={`/snapshots?page=${query.page + 1}`}>Older</Link>}
        </nav>
      )}
    </article>
  );
}
