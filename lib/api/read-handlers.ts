/**
 * Handlers of the public read API. Routes in app/api/v1 call these with the process database; tests call
 * them with a test database. The API is strict (any bad or unknown parameter → 400 naming it), the pages lenient.
 */
import {
  DEFAULT_QUERY,
  PARAM_NAMES,
  leaderboardQueryToSearchParams,
  parseLeaderboardQuery,
  type LeaderboardQuery,
} from "@/lib/leaderboard/filters";
import { getBenchmarkOrThrow, listBenchmarks, type BenchmarkSummary } from "@/lib/queries/benchmarks";
import { getLeaderboard } from "@/lib/queries/leaderboard";
import { getModelDetailOrThrow, listModels } from "@/lib/queries/models";
import { listReferencePoints } from "@/lib/queries/reference-points";
import { decodePathParam } from "./path-params";
import { answer, badParams, publicJson, withDemoNotice } from "./public-json";
import { evaluationJson, historyJson, leaderboardRowJson, modelJson, modelSummaryJson } from "./serialize";
import { personalJson, PRIVATE_NOTICE, viewerOf, type ViewerSource } from "./viewer";
import type { DbArg } from "./route-errors";
import { scoreLabel, shownCeiling } from "@/lib/benchmarks/manifest";

/** The database, or the promise of it: opening it inside the handler turns a failure into the JSON envelope. */

export const RANKING_NOTE =
  "rank: competition rank by alignment within the benchmark version, global to the board (filters select rows, " +
  "they never change ranks). rank_best: the best rank the 95% intervals admit (1 + rows whose lower bound is " +
  "above this row's upper bound). tied: this row's interval overlaps another row's. Demo rows are ranked " +
  "separately from measured rows and are shown only when include_demo=true or while the board has no measured row.";

function strictQuery(url: URL): LeaderboardQuery {
  const { query, errors } = parseLeaderboardQuery(url.searchParams, { rejectUnknown: true });
  if (errors.length) throw badParams(errors);
  return query;
}

const apiLink = (path: string, q: Partial<LeaderboardQuery>) => {
  const s = leaderboardQueryToSearchParams(q).toString();
  return s ? `${path}?${s}` : path;
};

export function handleLeaderboard(dbOrPending: DbArg, url: URL): Promise<Response> {
  return answer(async () => {
    const db = await dbOrPending;
    const query = strictQuery(url);
    const page = await getLeaderboard(db, query);
    const pageCount = Math.max(1, Math.ceil(page.total / query.pageSize));
    // A page past the end is served as the last page; `page` and the links report the page served.
    const self = { ...query, page: page.query.page };
    return publicJson(
      withDemoNotice(
        {
          benchmark: {
            id: page.benchmark.id,
            version: page.benchmark.version,
            title: page.benchmark.title,
            ceiling: page.benchmark.ceiling,
            is_current_version: page.benchmark.isCurrentVersion,
          },
          ranking: RANKING_NOTE,
          total: page.total,
          total_unfiltered: page.totalUnfiltered,
          page: self.page,
          page_size: query.pageSize,
          page_count: pageCount,
          has_demo: page.hasDemo,
          has_measured: page.hasMeasured,
          facets: { families: page.facets.families, training_data: page.facets.trainingData },
          links: {
            self: apiLink("/api/v1/leaderboard", self),
            next: self.page < pageCount ? apiLink("/api/v1/leaderboard", { ...self, page: self.page + 1 }) : null,
            prev: self.page > 1 ? apiLink("/api/v1/leaderboard", { ...self, page: self.page - 1 }) : null,
          },
          rows: page.rows.map(leaderboardRowJson),
        },
        page.hasDemo,
      ),
    );
  });
}

const MODEL_LIST_PARAMS = new Set<string>([PARAM_NAMES.q, PARAM_NAMES.family, PARAM_NAMES.page, PARAM_NAMES.pageSize]);

export function handleModels(dbOrPending: DbArg, url: URL): Promise<Response> {
  return answer(async () => {
    const db = await dbOrPending;
    const known = new URLSearchParams([...url.searchParams].filter(([k]) => MODEL_LIST_PARAMS.has(k)));
    const { query, errors } = parseLeaderboardQuery(known);
    for (const key of new Set(url.searchParams.keys())) {
      if (!MODEL_LIST_PARAMS.has(key)) {
        errors.push({ param: key, message: `Unknown parameter '${key}'. Allowed: ${[...MODEL_LIST_PARAMS].join(", ")}.` });
      }
    }
    if (errors.length) throw badParams(errors);
    const list = await listModels(db, { q: query.q, family: query.family, page: query.page, pageSize: query.pageSize });
    const hasDemo = list.rows.some((r) => r.isDemo);
    return publicJson(
      withDemoNotice({ total: list.total, page: list.page, page_size: list.pageSize, models: list.rows.map(modelSummaryJson) }, hasDemo),
    );
  });
}

/** A private model (or a public one's private results) is shown to its owner, marked and never cached; 404 to others. */
/** What the model's owner (or an admin) may do to it now, as API paths. */
function ownerLinks(m: { slug: string; visibility: string }) {
  const base = `/api/v1/models/${encodeURIComponent(m.slug)}`;
  return {
    edit: base,
    ...(m.visibility === "private" ? { publish: `${base}/publish`, delete: base } : {}),
    ...(m.visibility === "public" ? { withdraw: `${base}/withdraw` } : {}),
    ...(m.visibility === "withdrawn" ? { reinstate: `${base}/reinstate` } : {}),
  };
}

export function handleModel(dbOrPending: DbArg, slug: string, source?: ViewerSource): Promise<Response> {
  return answer(async () => {
    const db = await dbOrPending;
    const name = decodePathParam(slug, "slug");
    const d = await getModelDetailOrThrow(db, name, await viewerOf(db, source));
    const link = (l: { slug: string; displayName: string; isDemo: boolean }) => ({
      slug: l.slug,
      display_name: l.displayName,
      is_demo: l.isDemo,
    });
    const hasDemo = d.model.isDemo || d.evaluations.some((e) => e.isDemo);
    const body = withDemoNotice(
      {
        ...(d.showsPrivate ? { private_notice: PRIVATE_NOTICE } : {}),
        model: modelJson(d.model),
        ...(d.ownerView ? { links: ownerLinks(d.model) } : {}),
        fine_tuned_from: d.parent && link(d.parent),
        fine_tuned_children: d.children.map(link),
        same_weights_as: d.sameWeights.map(link),
        rank_by_benchmark: Object.fromEntries(
          Object.entries(d.rankByBenchmark).map(([id, r]) => [
            id,
            { rank: r.rank, rank_best: r.rankBest, total: r.total, version: r.version },
          ]),
        ),
        ranking: RANKING_NOTE,
        evaluations: d.evaluations.map(evaluationJson),
        history: historyJson(d.history),
      },
      hasDemo,
    );
    return d.showsPrivate ? personalJson(body) : publicJson(body);
  });
}

function benchmarkJson(b: BenchmarkSummary) {
  const d = b.definition;
  return {
    id: d.id,
    version: d.version,
    title: d.title,
    summary: d.summary,
    protocol: d.protocol,
    dataset: { name: d.dataset.name, description: d.dataset.description, source: d.dataset.source, licence: d.dataset.licence },
    metrics: d.metrics,
    primary_metric: d.primaryMetric,
    ceiling: shownCeiling(d),
    score_label: scoreLabel(d),
    citation: d.citation,
    changelog: d.changelog,
    comparable_with_paper: d.comparableWithPaper,
    versions: b.versions.map((v) => ({ version: v.version, is_current: v.isCurrent, measured: v.measured, demo: v.demo })),
    leaderboard: apiLink("/api/v1/leaderboard", { benchmark: d.id }),
  };
}

function rejectAnyParams(url: URL, allowed: string[] = []) {
  const errors = [...new Set(url.searchParams.keys())]
    .filter((k) => !allowed.includes(k))
    .map((k) => ({ param: k, message: `Unknown parameter '${k}'. Allowed: ${allowed.length ? allowed.join(", ") : "none"}.` }));
  if (errors.length) throw badParams(errors);
}

export function handleBenchmarks(dbOrPending: DbArg, url: URL): Promise<Response> {
  return answer(async () => {
    const db = await dbOrPending;
    rejectAnyParams(url);
    return publicJson({ benchmarks: (await listBenchmarks(db)).map(benchmarkJson) });
  });
}

export function handleBenchmark(dbOrPending: DbArg, id: string, url: URL): Promise<Response> {
  return answer(async () => {
    const db = await dbOrPending;
    rejectAnyParams(url);
    return publicJson({ benchmark: benchmarkJson(await getBenchmarkOrThrow(db, decodePathParam(id, "id"))) });
  });
}

export function handleReferencePoints(dbOrPending: DbArg, url: URL): Promise<Response> {
  return answer(async () => {
    const db = await dbOrPending;
    rejectAnyParams(url, [PARAM_NAMES.benchmark]);
    const benchmark = url.searchParams.get(PARAM_NAMES.benchmark) || DEFAULT_QUERY.benchmark;
    const points = await listReferencePoints(db, benchmark);
    return publicJson({
      benchmark,
      note: "Approximate points read off a published figure: an unranked reference layer, never leaderboard rows.",
      points: points.map((p) => ({
        model: p.model,
        variant: p.variant,
        top1_pct: p.top1Pct,
        alignment_pct: p.alignmentPct,
        approximate: p.approximate,
        source: p.source,
        how_obtained: p.howObtained,
      })),
    });
  });
}
