// Route: / — the leaderboard of the default benchmark (or ?benchmark=id), with the accuracy × alignment scatter.
import type { Metadata } from "next";
import Link from "next/link";
import { BoardLede } from "@/components/leaderboard/board-lede";
import { BoardView } from "@/components/leaderboard/board-view";
import { CiteViewButton } from "@/components/citation/cite-view-button";
import { leaderboardQueryToSearchParams, parseLeaderboardQuery } from "@/lib/leaderboard/filters";
import { BENCHMARKS, DEFAULT_BENCHMARK_ID, findBenchmark, getBenchmark } from "@/lib/benchmarks";
import { boardProps } from "@/app/benchmarks/board-props";
import { loadBoard } from "@/app/benchmarks/load-board";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Another board than the default is described by its own summary (the site's description speaks of ImageNet). */
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const def = findBenchmark(parseLeaderboardQuery(await searchParams).query.benchmark);
  return def && def.id !== DEFAULT_BENCHMARK_ID ? { description: `${def.title}: ${def.summary}` } : {};
}

export default async function HomePage({ searchParams }: Props) {
  const data = await loadBoard(await searchParams);
  const b = data.page.benchmark;
  const def = getBenchmark(b.id);
  return (
    <>
      <h1>Which vision models see like humans?</h1>
      <BoardLede def={def} />
      <nav aria-label="Benchmarks" className="filter-row">
        <span className="muted">Benchmark:</span>
        {BENCHMARKS.map((def) =>
          def.id === b.id ? (
            <strong key={def.id} aria-current="page">
              {def.title}
            </strong>
          ) : (
            <Link key={def.id} href={def.id === DEFAULT_BENCHMARK_ID ? "/" : `/?benchmark=${def.id}`}>
              {def.title}
            </Link>
          ),
        )}
        <Link href={`/benchmarks/${b.id}`}>How {b.title} is measured</Link>
        <Link href="/tracks">Where against how</Link>
      </nav>
      <BoardView {...boardProps(data, "/", false)} />
      <ViewActions query={leaderboardQueryToSearchParams({ ...data.query, page: 1 }).toString()} />
    </>
  );
}

/** Cite or call the API for exactly the view on screen (the board itself offers this view's CSV and JSON). */
function ViewActions({ query }: { query: string }) {
  return (
    <section aria-labelledby="view-actions" className="view-actions">
      <h2 id="view-actions">Cite, download, reuse</h2>
      <CiteViewButton query={query} />
      <p>
        Every board at once: <a href="/api/v1/downloads/all.jsonl">JSON Lines</a> · <Link href="/docs/api">API documentation</Link> ·{" "}
        <Link href="/snapshots">earlier snapshots</Link>
      </p>
    </section>
  );
}
