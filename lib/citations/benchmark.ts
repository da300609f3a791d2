/**
 * The citation of a benchmark page: the site's benchmark (its id and version pin the protocol) and the benchmark's
 * paper or dataset. A live board, so it carries the date it was read, like a comparison.
 */
import type { BenchmarkDefinition } from "@/lib/benchmarks";
import { bibtexEntry, bibtexKey, escapeBibtex } from "./bibtex";
import { dateParts, day, MONTHS, PROJECT_AUTHOR, PROJECT_TITLE, type Citation } from "./cite";
import { paperCsl, type CslItem } from "./csl";

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
  const bibtex = [
    bibtexEntry("misc", key, [
      ["title", `{${escapeBibtex(title)}}`],
      ["author", `{${escapeBibtex(PROJECT_AUTHOR)}}`],
      ["howpublished", escapeBibtex(PROJECT_TITLE)],
      ["year", String(accessed.getUTCFullYear())],
      ["month", MONTHS[accessed.getUTCMonth()]],
      ["url", url],
      ["note", `${escapeBibtex(details)}. Benchmark protocol: ${escapeBibtex(b.citation.text)}`],
    ]),
    b.citation.bibtex,
  ].join("\n\n");
  const csl: CslItem[] = [
    {
      id: key,
      type: "dataset",
      title,
      author: [{ literal: PROJECT_AUTHOR }],
      publisher: PROJECT_TITLE,
      issued: { "date-parts": [dateParts(accessed)] },
      accessed: { "date-parts": [dateParts(accessed)] },
      URL: url,
      note: details,
      version: String(b.version),
    },
    paperCsl(b.id, b.citation),
  ];
  const text = `${PROJECT_AUTHOR} (${accessed.getUTCFullYear()}). ${title}. ${details}. ${PROJECT_TITLE}. ${url}\nBenchmark: ${b.citation.text}`;
  return { key, bibtex, csl, text };
}
