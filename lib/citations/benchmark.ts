/**
 * The citation of a benchmark page: the site's benchmark (its id and version pin the protocol) and the benchmark's
 * paper or dataset. A live board, so it carries the date it was read, like a comparison.
 */
import type { BenchmarkDefinition } from "@/lib/benchmarks";
import { bibtexKey } from "./bibtex";
import { day, PROJECT_AUTHOR, PROJECT_TITLE, siteCitation, type Citation } from "./cite";

type CitedBenchmark = Pick<BenchmarkDefinition, "id" | "version" | "title" | "dataset" | "citation" | "comparableWithPaper">;

export function citeBenchmark(b: CitedBenchmark, baseUrl: string, accessed: Date): Citation {
  const url = `${baseUrl}/benchmarks/${b.id}`;
  const key = bibtexKey("harmonization-leaderboard", "benchmark", b.id, `v${b.version}`);
  const title = `${b.title} (benchmark ${b.id} v${b.version})`;
  const details = [
    `Dataset: ${b.dataset.name} (${b.dataset.source})`,
    b.comparableWithPaper ? null : "not comparable with the paper's numbers",
    `accessed ${day(accessed)}`,
  ]
    .filter(Boolean)
    .join("; ");
  const { bibtex, csl } = siteCitation({
    key,
    title,
    author: PROJECT_AUTHOR,
    date: accessed,
    live: true,
    url,
    details,
    version: String(b.version),
    papers: [{ benchmarkId: b.id, citation: b.citation }],
    protocolInNote: true,
  });
  const text = `${PROJECT_AUTHOR} (${accessed.getUTCFullYear()}). ${title}. ${details}. ${PROJECT_TITLE}. ${url}\nBenchmark: ${b.citation.text}`;
  return { key, bibtex, csl, text };
}
