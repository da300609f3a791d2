/**
 * Citations of a snapshot and of a single result in three forms (BibTeX, CSL-JSON, plain text). Each includes
 * the benchmark's paper: the numbers are only meaningful with the protocol that produced them.
 */
import { findBenchmark } from "@/lib/benchmarks";
import { formatMetricValue, METRICS } from "@/lib/metrics/registry";
import { bibtexEntry, bibtexKey, escapeBibtex } from "./bibtex";
import { paperCsl, type CslItem } from "./csl";

export const PROJECT_AUTHOR = "Harmonization Leaderboard contributors";
export const PROJECT_TITLE = "The public leaderboard for human-aligned vision models";

export type Citation = { key: string; bibtex: string; csl: CslItem[]; text: string };

export type SnapshotCiteInput = {
  id: string;
  hash: string;
  createdAt: Date;
  benchmark: { id: string; version: number; title: string };
  /** Human-readable filters, e.g. "family: ResNet, ViT"; empty for the full board. */
  filters: string;
  rowCount: number;
  dataCutoff: string | null;
};

export type ResultCiteInput = {
  evaluationId: number;
  model: { slug: string; displayName: string; ownerName: string };
  benchmark: { id: string; version: number; title: string };
  alignment: number | null;
  alignmentCi: [number, number] | null;
  top1: number | null;
  top1Ci: [number, number] | null;
  evaluatedAt: Date;
  publishedAt: Date | null;
  codeVersion: string | null;
  weightsHash: string | null;
};

export const day = (d: Date) => d.toISOString().slice(0, 10);
export const dateParts = (d: Date) => [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
export const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function paper(benchmarkId: string) {
  const def = findBenchmark(benchmarkId);
  if (!def) throw new Error(`Unknown benchmark '${benchmarkId}'.`);
  return def.citation;
}

/** A benchmark's paper (or dataset), cited beside every page that shows its numbers. */
export type CitedPaper = { benchmarkId: string; citation: { text: string; bibtex: string; url: string } };

export type SiteEntry = {
  key: string;
  title: string;
  author: string;
  date: Date;
  /** A live view (a board, a comparison) is cited with the date it was read. */
  live: boolean;
  url: string;
  details: string;
  version?: string;
  /** The first is named in the entry's note as the benchmark protocol, unless the details already name each. */
  papers: CitedPaper[];
  protocolInNote: boolean;
};

/** The site's entry for a page, in BibTeX and CSL-JSON, followed by the papers of the benchmarks it shows. */
export function siteCitation(e: SiteEntry): Pick<Citation, "bibtex" | "csl"> {
  const note = e.protocolInNote
    ? `${escapeBibtex(e.details)}. Benchmark protocol: ${escapeBibtex(e.papers[0].citation.text)}`
    : escapeBibtex(e.details);
  const bibtex = [
    bibtexEntry("misc", e.key, [
      ["title", `{${escapeBibtex(e.title)}}`],
      ["author", `{${escapeBibtex(e.author)}}`],
      ["howpublished", escapeBibtex(PROJECT_TITLE)],
      ["year", String(e.date.getUTCFullYear())],
      ["month", MONTHS[e.date.getUTCMonth()]],
      ["url", e.url],
      ["note", note],
    ]),
    ...e.papers.map((p) => p.citation.bibtex),
  ].join("\n\n");
  const csl: CslItem[] = [
    {
      id: e.key,
      type: "dataset",
      title: e.title,
      author: [{ literal: e.author }],
      publisher: PROJECT_TITLE,
      issued: { "date-parts": [dateParts(e.date)] },
      ...(e.live ? { accessed: { "date-parts": [dateParts(e.date)] } } : {}),
      URL: e.url,
      note: e.details,
      ...(e.version === undefined ? {} : { version: e.version }),
    },
    ...e.papers.map((p) => paperCsl(p.benchmarkId, p.citation)),
  ];
  return { bibtex, csl };
}

function score(id: "alignment" | "top1", v: number | null, ci: [number, number] | null): string | null {
  if (v === null) return null;
  const f = (x: number) => formatMetricValue(METRICS[id], x);
  return ci ? `${f(v)} (95% CI ${f(ci[0])}–${f(ci[1])})` : f(v);
}

export function citeSnapshot(s: SnapshotCiteInput, baseUrl: string): Citation {
  const url = `${baseUrl}/snapshots/${s.id}`;
  const key = bibtexKey("harmonization-leaderboard", "snapshot", s.id);
  const title = `${s.benchmark.title} leaderboard, snapshot ${s.id}`;
  const details = [
    `Benchmark ${s.benchmark.id} version ${s.benchmark.version}`,
    s.filters ? `filters: ${s.filters}` : "all models",
    `${s.rowCount} ${s.rowCount === 1 ? "model" : "models"}`,
    s.dataCutoff ? `data cut-off ${s.dataCutoff}` : null,
    `content sha256 ${s.hash}`,
  ]
    .filter(Boolean)
    .join("; ");
  const p = paper(s.benchmark.id);
  const { bibtex, csl } = siteCitation({
    key,
    title,
    author: PROJECT_AUTHOR,
    date: s.createdAt,
    live: false,
    url,
    details,
    version: s.id,
    papers: [{ benchmarkId: s.benchmark.id, citation: p }],
    protocolInNote: true,
  });
  const text =
    `${PROJECT_AUTHOR} (${s.createdAt.getUTCFullYear()}). ${title} [Data set, ${day(s.createdAt)}]. ${details}. ${url}\n` +
    `Benchmark: ${p.text}`;
  return { key, bibtex, csl, text };
}

export function citeResult(r: ResultCiteInput, baseUrl: string): Citation {
  const url = `${baseUrl}/results/${r.evaluationId}`;
  const key = bibtexKey(r.model.slug, r.benchmark.id, `v${r.benchmark.version}`, `r${r.evaluationId}`);
  const when = r.publishedAt ?? r.evaluatedAt;
  const title = `${r.model.displayName} on ${r.benchmark.title} (benchmark ${r.benchmark.id} v${r.benchmark.version})`;
  const details = [
    score("alignment", r.alignment, r.alignmentCi) && `alignment ${score("alignment", r.alignment, r.alignmentCi)}`,
    score("top1", r.top1, r.top1Ci) && `top-1 ${score("top1", r.top1, r.top1Ci)}`,
    `result ${r.evaluationId}, evaluated ${day(r.evaluatedAt)}`,
    r.codeVersion && `code ${r.codeVersion}`,
    r.weightsHash && `weights sha256 ${r.weightsHash}`,
  ]
    .filter(Boolean)
    .join("; ");
  const p = paper(r.benchmark.id);
  const { bibtex, csl } = siteCitation({
    key,
    title,
    author: r.model.ownerName,
    date: when,
    live: false,
    url,
    details,
    version: `${r.benchmark.id} v${r.benchmark.version}`,
    papers: [{ benchmarkId: r.benchmark.id, citation: p }],
    protocolInNote: true,
  });
  const text = `${r.model.ownerName} (${when.getUTCFullYear()}). ${title}. ${details}. ${PROJECT_TITLE}. ${url}\nBenchmark: ${p.text}`;
  return { key, bibtex, csl, text };
}

export type ComparisonCiteInput = {
  /** The page's own URL query, e.g. "models=a,b". */
  query: string;
  accessed: Date;
  models: { slug: string; displayName: string }[];
  /** Each compared result: its id pins the numbers (results never change), whatever the page shows later. */
  results: {
    modelSlug: string;
    evaluationId: number;
    benchmark: { id: string; version: number };
    metric: string;
    value: number;
    ci95: [number, number] | null;
  }[];
};

/** A comparison page: a live view, so the citation lists the immutable results it shows, with the access date. */
export function citeComparison(c: ComparisonCiteInput, baseUrl: string): Citation {
  const url = `${baseUrl}/compare?${c.query}`;
  const key = bibtexKey("harmonization-leaderboard", "compare", ...c.models.map((m) => m.slug));
  const title = `Comparison of ${c.models.map((m) => m.displayName).join(", ")} across tracks`;
  const parts = c.results.map((r) => {
    const m = METRICS[r.metric as keyof typeof METRICS];
    const f = (x: number) => (m ? formatMetricValue(m, x) : String(x));
    return `${r.modelSlug} on ${r.benchmark.id} v${r.benchmark.version}: ${m ? m.label : r.metric} ${f(r.value)}${r.ci95 ? ` (95% CI ${f(r.ci95[0])}–${f(r.ci95[1])})` : ""}, result ${r.evaluationId}`;
  });
  const details = `${parts.join("; ")}; accessed ${day(c.accessed)}`;
  const benchmarks = [...new Set(c.results.map((r) => r.benchmark.id))];
  const papers = [...new Map(benchmarks.map((id) => [paper(id).bibtex, { benchmarkId: id, citation: paper(id) }])).values()];
  const { bibtex, csl } = siteCitation({
    key,
    title,
    author: PROJECT_AUTHOR,
    date: c.accessed,
    live: true,
    url,
    details,
    papers,
    protocolInNote: false,
  });
  const text = `${PROJECT_AUTHOR}. ${title}. ${details}. ${PROJECT_TITLE}. ${url}\n${papers.map((p) => `Benchmark: ${p.citation.text}`).join("\n")}`;
  return { key, bibtex, csl, text };
}
