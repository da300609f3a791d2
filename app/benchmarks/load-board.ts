/**
 * Loads one board for a page (home or a benchmark's own page). Lenient: a malformed or unknown filter is
 * dropped and reported, and the board is shown without it; only an unknown benchmark in the path is a 404.
 */
import { selectEmbeddedPoints } from "@/lib/charts/embedded-points";
import { notFound, redirect } from "next/navigation";
import { DEFAULT_BENCHMARK_ID, findBenchmark } from "@/lib/benchmarks";
import { AppError } from "@/lib/errors";
import {
  parseLeaderboardQuery,
  PARAM_NAMES,
  withoutEmptyParams,
  type LeaderboardQuery,
  type QueryParamError,
} from "@/lib/leaderboard/filters";
import {
  getDb,
  getLeaderboard,
  getScatterPoints,
  listReferencePoints,
  type LeaderboardPage,
  type ReferencePointRow,
  type ScatterPoint,
} from "@/lib/queries";

/**
 * Points embedded in the page's HTML (the Pareto front plus the best-ranked); the chart fetches the rest. Each
 * costs ~0.8 KB (its SVG link and its copy in the RSC payload), a table row ~2.4 KB: with 25 rows, 60 points keep
 * a 10,000-model page near 110 KB (bench:web).
 */
export const SCATTER_EMBED_LIMIT = 60;
const SCATTER_LIMIT = 20_000;

export type BoardData = {
  page: LeaderboardPage;
  /** The query as the URL asked for it (after dropping bad parts): links keep `version` unset when it was. */
  query: LeaderboardQuery;
  errors: QueryParamError[];
  scatter: ScatterPoint[];
  /** The URL's own parameters: the chart reads its layers and zoom from them (components/scatter/url-state). */
  searchParams: SearchParams;
  /** How many points the view has; more than `scatter.length` when the chart must fetch the rest. */
  scatterTotal: number;
  reference: ReferencePointRow[];
};

type SearchParams = Record<string, string | string[] | undefined>;

export async function loadBoard(params: SearchParams, benchmarkInPath?: string): Promise<BoardData> {
  const clean = withoutEmptyParams(params);
  if (clean !== null) {
    const path = benchmarkInPath === undefined ? "/" : `/benchmarks/${encodeURIComponent(benchmarkInPath)}`;
    redirect(clean ? `${path}?${clean}` : path);
  }
  const parsed = parseLeaderboardQuery(params);
  const query = parsed.query;
  let errors = parsed.errors;
  if (benchmarkInPath !== undefined) {
    if (!findBenchmark(benchmarkInPath)) notFound();
    query.benchmark = benchmarkInPath;
    errors = errors.filter((e) => e.param !== PARAM_NAMES.benchmark);
  } else if (!findBenchmark(query.benchmark)) {
    errors.push({ param: PARAM_NAMES.benchmark, message: `Unknown benchmark '${query.benchmark}'; showing '${DEFAULT_BENCHMARK_ID}'.` });
    query.benchmark = DEFAULT_BENCHMARK_ID;
  }
  const db = await getDb();
  let page: LeaderboardPage;
  try {
    page = await getLeaderboard(db, query);
  } catch (err) {
    // The only not_found left is a version this benchmark never had: show the current one and say so.
    if (!(err instanceof AppError && err.code === "not_found" && query.version !== null)) throw err;
    errors.push({ param: PARAM_NAMES.version, message: `${err.message} Showing the current version.` });
    query.version = null;
    page = await getLeaderboard(db, query);
  }
  // A page past the end is shown as the last page: the summary, pagination and links all use the page shown.
  query.page = page.query.page;
  const [scatter, reference] = await Promise.all([
    getScatterPoints(db, query, { limit: SCATTER_LIMIT + 1 }),
    listReferencePoints(db, query.benchmark),
  ]);
  return {
    page,
    query,
    errors,
    scatter: selectEmbeddedPoints(scatter.slice(0, SCATTER_LIMIT), SCATTER_EMBED_LIMIT),
    scatterTotal: Math.min(scatter.length, SCATTER_LIMIT),
    reference,
    searchParams: params,
  };
}

export function isFiltered(q: LeaderboardQuery): boolean {
  return (
    q.family.length > 0 || q.trainingData.length > 0 || q.humanData !== "any" || q.paramsMin !== null || q.paramsMax !== null || q.q !== ""
  );
}
