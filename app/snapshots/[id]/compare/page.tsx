// Route: /snapshots/[id]/compare — what changed on a frozen view since: added, removed, re-ranked, re-evaluated models.
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDate, formatMetric } from "@/components/format";
import { AppError } from "@/lib/errors";
import { leaderboardQueryToSearchParams } from "@/lib/leaderboard/filters";
import { METRICS } from "@/lib/metrics/registry";
import { getDb } from "@/lib/queries";
import { buildViewContent, getSnapshotOrThrow } from "@/lib/queries/snapshots";
import { diffBoardRecords } from "@/lib/snapshots/compare";
import { snapshotQuery } from "@/lib/snapshots/describe";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export default async function CompareSnapshotPage({ params }: Props) {
  const { id } = await params;
  const db = await getDb();
  const then = await getSnapshotOrThrow(db, id).catch((err) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  // "Now" is the same filters on the benchmark's current version, demo rows as the snapshot had them.
  const query = { ...snapshotQuery(then.content.query), version: null };
  const now = await buildViewContent(db, query);
  const diff = diffBoardRecords(then.content.rows, now.rows);
  const liveHref = `/?${leaderboardQueryToSearchParams({ ...query, includeDemo: null }).toString()}`;
  const fmt = (v: unknown) => formatMetric("alignment", typeof v === "number" ? v : null);
  return (
    <article>
      <p className="page-kicker">Compare with now</p>
      <h1>
        Snapshot{" "}
        <Link href={`/snapshots/${id}`}>
          <code>{id}</code>
        </Link>{" "}
        against the live board
      </h1>
      <p className="lede">
        Snapshot of {formatDate(then.summary.createdAt)} (benchmark version {then.content.benchmark.version}, data cut-off{" "}
        {formatDate(then.content.dataCutoff)}) against <Link href={liveHref}>the same view now</Link> (version {now.benchmark.version}, data
        cut-off {formatDate(now.dataCutoff)}).
        {then.content.benchmark.version !== now.benchmark.version &&
          " The benchmark has a new version since: scores are not comparable across versions."}
      </p>
      <p role="status">
        {diff.added.length} added, {diff.removed.length} removed, {diff.changed.length} changed, {diff.unchanged} unchanged.
      </p>
      {diff.changed.length > 0 && (
        <div className="table-scroll" role="region" aria-label="Changed models" tabIndex={0}>
          <table className="board">
            <caption>Models whose rank or scores changed</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Rank then → now</th>
                <th scope="col">{METRICS.alignment.shortLabel} then → now</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {diff.changed.map((c) => (
                <tr key={c.slug}>
                  <th scope="row">
                    <Link href={`/results/${c.now.evaluationId}`}>{c.displayName}</Link>
                  </th>
                  <td className="num">
                    {c.then.rank} → {c.now.rank}
                    {c.rankDelta > 0 ? ` (▲ ${c.rankDelta})` : c.rankDelta < 0 ? ` (▼ ${-c.rankDelta})` : ""}
                  </td>
                  <td className="num">
                    {fmt(c.then.alignment)} → {fmt(c.now.alignment)}
                  </td>
                  <td>{c.reevaluated ? "re-evaluated" : "other models moved"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {diff.added.length > 0 && (
        <>
          <h2>Added since</h2>
          <ul>
            {diff.added.map((r) => (
              <li key={String(r.slug)}>
                <Link href={`/results/${r.evaluation_id}`}>{String(r.display_name)}</Link>: rank {String(r.rank)}, alignment{" "}
                {fmt(r.alignment)}
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.removed.length > 0 && (
        <>
          <h2>No longer in this view</h2>
          <ul>
            {diff.removed.map((r) => (
              <li key={String(r.slug)}>
                {String(r.display_name)} (was rank {String(r.rank)})
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
