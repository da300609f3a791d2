// Route: /benchmarks/[id] — what the benchmark measures and how (protocol, ceiling, dataset, changelog), and its own board.
import type { Metadata } from "next";
import { BenchmarkDescription } from "@/components/benchmark/benchmark-description";
import { CitationBlock } from "@/components/citation/citation-block";
import { citeBenchmark } from "@/lib/citations/benchmark";
import { getEnv } from "@/lib/env";
import { BoardView } from "@/components/leaderboard/board-view";
import { findBenchmark } from "@/lib/benchmarks";
import { boardProps } from "@/app/benchmarks/board-props";
import { loadBoard } from "@/app/benchmarks/load-board";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const def = findBenchmark((await params).id);
  // The site's description speaks of ImageNet accuracy; a benchmark's page describes its own board instead.
  return def ? { title: def.title, description: def.summary } : { title: "Benchmark not found" };
}

export default async function BenchmarkPage({ params, searchParams }: Props) {
  const { id } = await params;
  // loadBoard answers 404 for an id that is not in the registry.
  const data = await loadBoard(await searchParams, id);
  const def = findBenchmark(id)!;
  const citation = citeBenchmark(def, getEnv().PUBLIC_URL.replace(/\/$/, ""), new Date());
  return (
    <>
      <BenchmarkDescription def={def} />
      <h2>Results on this benchmark</h2>
      <BoardView {...boardProps(data, `/benchmarks/${def.id}`, true)} />
      <CitationBlock
        label={`the ${def.title} benchmark`}
        fileStem={citation.key}
        bibtex={citation.bibtex}
        csl={citation.csl}
        text={citation.text}
      />
    </>
  );
}
