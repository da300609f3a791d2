/** Maps loaded board data onto the BoardView's props (the query layer's rows are structurally the view's). */
import type { BoardViewProps } from "@/components/leaderboard/board-view";
import type { ReferencePointInput } from "@/lib/charts/arrows";
import { leaderboardQueryToSearchParams } from "@/lib/leaderboard/filters";
import { isFiltered, type BoardData } from "./load-board";

const isVariant = (v: string): v is ReferencePointInput["variant"] => v === "baseline" || v === "harmonized";

export function boardProps(data: BoardData, basePath: string, benchmarkInPath: boolean): BoardViewProps {
  return {
    basePath,
    benchmarkInPath,
    benchmark: data.page.benchmark,
    query: data.query,
    errors: data.errors,
    requestedPage: data.page.requestedPage,
    rows: data.page.rows,
    total: data.page.total,
    totalUnfiltered: data.page.totalUnfiltered,
    facets: data.page.facets,
    hasDemo: data.page.hasDemo,
    filtered: isFiltered(data.query),
    scatter: data.scatter,
    scatterTotal: data.scatterTotal,
    searchParams: data.searchParams,
    pointsUrl:
      data.scatterTotal > data.scatter.length
        ? `/api/v1/leaderboard/points?${leaderboardQueryToSearchParams({ ...data.query, benchmark: data.page.benchmark.id, page: 1 })}`
        : null,
    reference: data.reference.flatMap((r) =>
      isVariant(r.variant)
        ? [
            {
              model: r.model,
              variant: r.variant,
              top1Pct: r.top1Pct,
              alignmentPct: r.alignmentPct,
              source: r.source,
              approximate: r.approximate,
            },
          ]
        : [],
    ),
  };
}
