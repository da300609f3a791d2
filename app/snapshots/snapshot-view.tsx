/**
 * A frozen view: the scatter and the table exactly as they were, rendered only from the snapshot's content
 * (never from live rows), with the leaderboard's own components.
 */
import { formatDate } from "@/components/format";
import { LeaderboardTable } from "@/components/leaderboard/leaderboard-table";
import { ScatterPanel } from "@/components/scatter/scatter-panel";
import type { SnapshotContent } from "@/lib/snapshots/content";
import { recordToBoardRow } from "@/lib/snapshots/content";
import { describeFilters, snapshotQuery } from "@/lib/snapshots/describe";
import { sortRecords } from "@/lib/snapshots/sort-records";
import type { SortDir, SortKey } from "@/lib/leaderboard/filters";

type Props = {
  id: string;
  content: SnapshotContent;
  /** A reader's re-sort of the frozen rows (the table's sort links); absent: the order the view was frozen in. */
  resort?: { sort: SortKey; dir: SortDir };
  /** The page's query: the chart's layers and zoom (a reader's view of the frozen content, not part of it). */
  searchParams?: Record<string, string | string[] | undefined>;
};

export function SnapshotView({ id, content, resort, searchParams }: Props) {
  const frozen = snapshotQuery(content.query);
  const query = resort ? { ...frozen, ...resort } : frozen;
  const b = content.benchmark;
  const records =
    resort && (resort.sort !== frozen.sort || resort.dir !== frozen.dir)
      ? sortRecords(content.rows, resort.sort, resort.dir)
      : content.rows;
  const rows = records.map(recordToBoardRow);
  const filters = describeFilters(frozen);
  const tableId = `snapshot-${id}`;
  return (
    <>
      <dl className="meta-grid">
        <div>
          <dt>Benchmark</dt>
          <dd>
            {b.title}, version {b.version}
          </dd>
        </div>
        <div>
          <dt>Filters</dt>
          <dd>{filters || "none (the whole board)"}</dd>
        </div>
        <div>
          <dt>Models</dt>
          <dd>
            {rows.length} of {content.totalUnfiltered} on the board
          </dd>
        </div>
        <div>
          <dt>Data cut-off</dt>
          <dd>{content.dataCutoff ? formatDate(content.dataCutoff) : "—"}</dd>
        </div>
      </dl>
      {content.showsDemo && (
        <p className="notice" role="note">
          This view includes demo rows: placeholders, not measured scores.
        </p>
      )}
      <h2 id="chart-heading">Accuracy against alignment</h2>
      {content.scatter.length > 0 ? (
        <ScatterPanel
          points={content.scatter}
          reference={content.reference}
          ceiling={b.ceiling === null ? null : 1}
          benchmarkTitle={b.title}
          benchmarkId={`${b.id}-snapshot-${id}`}
          tableId={tableId}
          filtered={filters !== ""}
          searchParams={searchParams}
        />
      ) : (
        <p className="muted">No model in this view had both a top-1 accuracy and an alignment score.</p>
      )}
      <h2 id="table-heading">Leaderboard</h2>
      {rows.length > 0 ? (
        <LeaderboardTable
          id={tableId}
          rows={rows}
          query={{ ...query, page: 1 }}
          basePath={`/snapshots/${id}`}
          benchmarkInPath={false}
          benchmarkLabel={`Frozen view of ${b.title}, version ${b.version}`}
        />
      ) : (
        <p className="muted">No models matched this view.</p>
      )}
    </>
  );
}
