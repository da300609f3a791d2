// Route: / — the leaderboard of the default benchmark (or ?benchmark=id), with the accuracy × alignment scatter.
import Link from "next/link";
import { BoardView } from "@/components/leaderboard/board-view";
import { CiteViewButton } from "@/components/citation/cite-view-button";
import { leaderboardQueryToSearchParams } from "@/lib/leaderboard/filters";
import { BENCHMARKS, DEFAULT_BENCHMARK_ID } from "@/lib/benchmarks";
import { boardProps } from "@/app/benchmarks/board-props";
import { loadBoard } from "@/app/benchmarks/load-board";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function HomePage({ searchParams }: Props) {
  const data = await loadBoard(await searchParams);
  const b = data.page.benchmark;
  return (
    <>
      <h1>Which vision models see like humans?</h1>
      <p className="lede">
        Models ranked by how well their saliency agrees with where people look for evidence (ClickMe maps), as a percentage of the agreement
        between people, next to their ImageNet top-1 accuracy. The protocol is that of <Link href="/about">Fel et al., NeurIPS 2022</Link>.
      </p>
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

/** Cite, download or call the API for exactly the view on screen. */
function ViewActions({ query }: { query: string }) {
  const qs = query ? `?${query}` : "";
  return (
    <section aria-labelledby="view-actions" className="view-actions">
      <h2 id="view-actions">Cite, download, reuse</h2>
      <CiteViewButton query={query} />
      <p>
        Download this view: <a href={`/api/v1/downloads/leaderboard.csv${qs}`}>CSV</a> ·{" "}
        <a href={`/api/v1/downloads/leaderboard.json${qs}`}>JSON</a> · everything: <a href="/api/v1/downloads/all.jsonl">JSON Lines</a> ·{" "}
        <Link href="/docs/api">API documentation</Link> · <Link href="/snapshots">earlier snapshots</Link>
      </p>
    </section>
  );
}
