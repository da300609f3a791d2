/**
 * Issue #12: a synthetic board never says "ImageNet" (board, benchmark page, download links, column headers, citation)
 * and says "not comparable with the paper's numbers" in one wording on the board and on its benchmark page; the
 * ClickMe board keeps its ImageNet accuracy. Wording comes from the benchmark definition (accuracyLabel).
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { CitationBlock } from "@/components/citation/citation-block";
import { BoardLede } from "@/components/leaderboard/board-lede";
import { BoardView, type BoardViewProps } from "@/components/leaderboard/board-view";
import { BUILT_IN_BENCHMARKS, getBenchmark, type BenchmarkDefinition } from "@/lib/benchmarks";
import { citeBenchmark } from "@/lib/citations/benchmark";
import { DEFAULT_QUERY } from "@/lib/leaderboard/filters";
import { BenchmarkDescription } from "./benchmark-description";
import { NOT_COMPARABLE } from "./paper-comparability-note";

// The scatter's and the filters' client leaves ask for the app router, which a static render has not mounted.
vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: () => {}, replace: () => {}, refresh: () => {}, prefetch: () => {} }),
  usePathname: () => "/",
  useSearchParams: () => new URLSearchParams(),
}));

const textOf = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'");

function boardProps(def: BenchmarkDefinition, basePath: string): BoardViewProps {
  const row = {
    rank: 1,
    rankBest: 1,
    tied: false,
    tiedWith: 0,
    slug: "shapes-net",
    displayName: "Shapes net",
    family: "CNN",
    paramCount: 1_000_000,
    trainingData: "generated shapes",
    trainedOnHumanMaps: false,
    isDemo: false,
    top1: 0.8,
    top1Ci: [0.78, 0.82] as [number, number],
    alignment: 0.4,
    alignmentCi: [0.38, 0.42] as [number, number],
    evaluatedAt: "2026-01-02T00:00:00.000Z",
    benchmarkVersion: 1,
  };
  return {
    basePath,
    benchmarkInPath: basePath !== "/",
    benchmark: { id: def.id, version: def.version, title: def.title, ceiling: def.ceiling, isCurrentVersion: true },
    query: { ...DEFAULT_QUERY, benchmark: def.id, q: "net" },
    errors: [],
    requestedPage: 1,
    rows: [row],
    total: 1,
    totalUnfiltered: 3,
    facets: { families: ["CNN"], trainingData: ["generated shapes"] },
    hasDemo: false,
    filtered: true,
    scatter: [
      {
        slug: row.slug,
        name: row.displayName,
        family: row.family,
        top1: 0.8,
        alignment: 0.4,
        alignmentCi: row.alignmentCi,
        top1Ci: row.top1Ci,
        isDemo: false,
        humanData: false,
      },
    ],
    scatterTotal: 1,
    pointsUrl: null,
    reference: [],
  };
}

/** Everything the home board (/?benchmark=id) and the benchmark page (/benchmarks/id) render from the definition. */
function renderPages(def: BenchmarkDefinition) {
  const c = citeBenchmark(def, "https://leaderboard.example.org", new Date("2026-12-03T00:00:00Z"));
  const home = renderToStaticMarkup(
    <>
      <BoardLede def={def} />
      <BoardView {...boardProps(def, "/")} />
    </>,
  );
  const page = renderToStaticMarkup(
    <>
      <BenchmarkDescription def={def} />
      <BoardView {...boardProps(def, `/benchmarks/${def.id}`)} />
      <CitationBlock label={def.title} fileStem={c.key} bibtex={c.bibtex} csl={c.csl} text={c.text} />
    </>,
  );
  return { home, page };
}

const synthetic = BUILT_IN_BENCHMARKS.filter((b) => b.dataset.source.startsWith("generated locally"));

describe("synthetic boards and benchmark pages", () => {
  it("covers every generated benchmark of the registry", () => {
    expect(synthetic.map((b) => b.id)).toEqual(["synthetic", "shortcut", "psychophysics-synthetic"]);
  });

  it.each(synthetic.map((b) => [b.id, b] as const))("%s: never says ImageNet, says it is not comparable on board and page", (_id, def) => {
    const { home, page } = renderPages(def);
    for (const html of [home, page]) {
      expect(textOf(html)).not.toMatch(/imagenet/i);
      expect(html).not.toMatch(/imagenet/i);
      const notes = textOf(html).match(new RegExp(`${NOT_COMPARABLE}\\.`, "g")) ?? [];
      expect(notes).toHaveLength(1);
    }
    expect(textOf(home)).toContain(`next to their ${def.accuracyLabel}.`);
  });

  it("offers the view's CSV and JSON with its benchmark and filters, on the board and the benchmark page", () => {
    const { home, page } = renderPages(getBenchmark("synthetic"));
    for (const html of [home, page]) {
      expect(html).toContain('href="/api/v1/downloads/leaderboard.csv?benchmark=synthetic&amp;q=net"');
      expect(html).toContain('href="/api/v1/downloads/leaderboard.json?benchmark=synthetic&amp;q=net"');
      expect(textOf(html)).toContain("Download this filtered view of Synthetic ClickMe-format set");
    }
  });

  it("cites the benchmark on the site and its paper on the benchmark page", () => {
    const { page } = renderPages(getBenchmark("synthetic"));
    expect(page).toContain("@misc{harmonization-leaderboard-benchmark-synthetic-v1,");
    expect(page).toContain("@inproceedings{fel2022harmonizing,");
    expect(page).toContain("https://leaderboard.example.org/benchmarks/synthetic");
  });
});

describe("the ClickMe board", () => {
  it("keeps its ImageNet accuracy and carries no comparability note", () => {
    const { home, page } = renderPages(getBenchmark("clickme"));
    expect(textOf(home)).toContain("next to their ImageNet top-1 accuracy.");
    expect(textOf(page)).toContain("ImageNet images with human importance maps");
    for (const html of [home, page]) expect(textOf(html)).not.toContain(NOT_COMPARABLE);
    expect(home).toContain('href="/api/v1/downloads/leaderboard.csv?benchmark=clickme&amp;q=net"');
  });
});
