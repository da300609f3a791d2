/**
 * The leaderboard query as it lives in the URL, shared by pages (lenient: a bad value is dropped and reported)
 * and the JSON API (strict: any reported error is a 400 naming the parameter).
 */
import { z } from "zod";
import { DEFAULT_BENCHMARK_ID } from "@/lib/benchmarks";
import { boardMetric } from "@/lib/metrics/registry";
import { formatParamCount, parseParamCount } from "./param-count";

export const SORT_KEYS = ["rank", "model", "family", "params", "top1", "alignment", "date"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";
export const HUMAN_DATA = ["any", "yes", "no"] as const;
export type HumanDataFilter = (typeof HUMAN_DATA)[number];

const bestFirst = (column: "top1" | "alignment"): SortDir => (boardMetric(column).higherIsBetter ? "desc" : "asc");

/** The direction a column sorts in when the URL names no `dir`: best (metric direction from the registry) / newest / alphabetical first. */
export const DEFAULT_DIR: Record<SortKey, SortDir> = {
  rank: "asc",
  model: "asc",
  family: "asc",
  params: "desc",
  top1: bestFirst("top1"),
  alignment: bestFirst("alignment"),
  date: "desc",
};
export const DEFAULT_PAGE_SIZE = 25;
/** The page sizes the board offers (the URL may ask for any size up to MAX_PAGE_SIZE). */
export const PAGE_SIZE_CHOICES = [25, 50, 100] as const;
export const MAX_PAGE_SIZE = 200;
export const MAX_Q_LENGTH = 100;
export const MAX_LIST_VALUES = 20;

export type LeaderboardQuery = {
  benchmark: string;
  /** null = the benchmark's current version. */
  version: number | null;
  sort: SortKey;
  dir: SortDir;
  page: number;
  pageSize: number;
  family: string[];
  trainingData: string[];
  humanData: HumanDataFilter;
  /** Inclusive bounds on the parameter count. */
  paramsMin: number | null;
  paramsMax: number | null;
  q: string;
  /** null = automatic: demo rows are shown only while the benchmark version has no measured result. */
  includeDemo: boolean | null;
};

export type QueryParamError = { param: string; message: string };

/** URL parameter names (snake_case, like the JSON API). Published: never rename. */
export const PARAM_NAMES = {
  benchmark: "benchmark",
  version: "version",
  sort: "sort",
  dir: "dir",
  page: "page",
  pageSize: "page_size",
  family: "family",
  trainingData: "training_data",
  humanData: "human_data",
  paramsMin: "params_min",
  paramsMax: "params_max",
  q: "q",
  includeDemo: "include_demo",
} as const satisfies Record<keyof LeaderboardQuery, string>;

export const DEFAULT_QUERY: LeaderboardQuery = {
  benchmark: DEFAULT_BENCHMARK_ID,
  version: null,
  sort: "rank",
  dir: "asc",
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
  family: [],
  trainingData: [],
  humanData: "any",
  paramsMin: null,
  paramsMax: null,
  q: "",
  includeDemo: null,
};

const KNOWN_PARAMS = new Set<string>(Object.values(PARAM_NAMES));
const positiveInt = (max: number) => z.coerce.number().int().min(1).max(max);
const listValue = z.string().trim().min(1).max(100);
const BOOL_WORDS: Record<string, boolean> = { true: true, "1": true, yes: true, false: false, "0": false, no: false };

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

function readAll(params: RawParams, key: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(key);
  const v = params[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function keysOf(params: RawParams): string[] {
  return params instanceof URLSearchParams ? [...new Set(params.keys())] : Object.keys(params);
}

export type ParseOptions = {
  /** Report parameters this parser does not know (the API rejects them; pages ignore them silently). */
  rejectUnknown?: boolean;
};

export function parseLeaderboardQuery(
  params: RawParams,
  options: ParseOptions = {},
): { query: LeaderboardQuery; errors: QueryParamError[] } {
  const errors: QueryParamError[] = [];
  const fail = (param: string, message: string) => errors.push({ param, message });
  const single = (key: string): string | undefined => {
    const all = readAll(params, key);
    if (all.length > 1) fail(key, `'${key}' may be given once (got ${all.length} values).`);
    const v = all[0];
    return v === undefined || v === "" ? undefined : v;
  };
  const list = (key: string): string[] => {
    const values = readAll(params, key)
      .flatMap((v) => v.split(","))
      .map((v) => v.trim())
      .filter(Boolean);
    const ok = values.filter((v) => listValue.safeParse(v).success);
    if (ok.length < values.length) fail(key, `'${key}' values must be 1–100 characters.`);
    if (ok.length > MAX_LIST_VALUES) {
      fail(key, `'${key}' accepts at most ${MAX_LIST_VALUES} values (got ${ok.length}).`);
      return [];
    }
    return [...new Set(ok)];
  };
  const query: LeaderboardQuery = { ...DEFAULT_QUERY, family: [], trainingData: [] };

  const benchmark = single(PARAM_NAMES.benchmark);
  if (benchmark !== undefined) {
    if (/^[a-z0-9][a-z0-9-]{0,63}$/.test(benchmark)) query.benchmark = benchmark;
    else fail(PARAM_NAMES.benchmark, "'benchmark' must be a benchmark id (lower-case letters, digits, '-').");
  }
  const version = single(PARAM_NAMES.version);
  if (version !== undefined && version !== "current") {
    const r = positiveInt(1_000_000).safeParse(version);
    if (r.success) query.version = r.data;
    else fail(PARAM_NAMES.version, `'version' must be a positive integer or 'current' (got '${version}').`);
  }
  const sort = single(PARAM_NAMES.sort);
  if (sort !== undefined) {
    if ((SORT_KEYS as readonly string[]).includes(sort)) query.sort = sort as SortKey;
    else fail(PARAM_NAMES.sort, `'sort' must be one of ${SORT_KEYS.join(", ")} (got '${sort}').`);
  }
  query.dir = DEFAULT_DIR[query.sort];
  const dir = single(PARAM_NAMES.dir);
  if (dir !== undefined) {
    if (dir === "asc" || dir === "desc") query.dir = dir;
    else fail(PARAM_NAMES.dir, `'dir' must be 'asc' or 'desc' (got '${dir}').`);
  }
  const page = single(PARAM_NAMES.page);
  if (page !== undefined) {
    const r = positiveInt(1_000_000).safeParse(page);
    if (r.success) query.page = r.data;
    else fail(PARAM_NAMES.page, `'page' must be an integer ≥ 1 (got '${page}').`);
  }
  const pageSize = single(PARAM_NAMES.pageSize);
  if (pageSize !== undefined) {
    const r = positiveInt(MAX_PAGE_SIZE).safeParse(pageSize);
    if (r.success) query.pageSize = r.data;
    else fail(PARAM_NAMES.pageSize, `'page_size' must be an integer from 1 to ${MAX_PAGE_SIZE} (got '${pageSize}').`);
  }
  query.family = list(PARAM_NAMES.family);
  query.trainingData = list(PARAM_NAMES.trainingData);
  const human = single(PARAM_NAMES.humanData);
  if (human !== undefined) {
    if ((HUMAN_DATA as readonly string[]).includes(human)) query.humanData = human as HumanDataFilter;
    else fail(PARAM_NAMES.humanData, `'human_data' must be one of ${HUMAN_DATA.join(", ")} (got '${human}').`);
  }
  for (const key of ["paramsMin", "paramsMax"] as const) {
    const raw = single(PARAM_NAMES[key]);
    if (raw === undefined) continue;
    const n = parseParamCount(raw);
    if (n === null) {
      fail(PARAM_NAMES[key], `'${PARAM_NAMES[key]}' must be a parameter count like 25000000, 25M or 1.2B (got '${raw}').`);
    } else query[key] = n;
  }
  if (query.paramsMin !== null && query.paramsMax !== null && query.paramsMin > query.paramsMax) {
    fail(
      PARAM_NAMES.paramsMax,
      `'params_max' (${formatParamCount(query.paramsMax)}) is below 'params_min' (${formatParamCount(query.paramsMin)}).`,
    );
    query.paramsMax = null;
  }
  const q = single(PARAM_NAMES.q);
  if (q !== undefined) {
    if (q.trim().length <= MAX_Q_LENGTH) query.q = q.trim();
    else fail(PARAM_NAMES.q, `'q' may be at most ${MAX_Q_LENGTH} characters.`);
  }
  const demo = single(PARAM_NAMES.includeDemo);
  if (demo !== undefined) {
    const v = demo === "auto" ? null : BOOL_WORDS[demo.toLowerCase()];
    if (v !== undefined) query.includeDemo = v;
    else fail(PARAM_NAMES.includeDemo, `'include_demo' must be true, false or auto (got '${demo}').`);
  }
  if (options.rejectUnknown) {
    for (const key of keysOf(params)) {
      if (!KNOWN_PARAMS.has(key)) fail(key, `Unknown parameter '${key}'. Allowed: ${[...KNOWN_PARAMS].join(", ")}.`);
    }
  }
  return { query, errors };
}

/** The URL form of a query: defaults omitted, keys in a fixed order, so equal queries give equal URLs. */
export function leaderboardQueryToSearchParams(q: Partial<LeaderboardQuery>): URLSearchParams {
  const out = new URLSearchParams();
  const full: LeaderboardQuery = { ...DEFAULT_QUERY, ...q };
  if (full.benchmark !== DEFAULT_QUERY.benchmark) out.set(PARAM_NAMES.benchmark, full.benchmark);
  if (full.version !== null) out.set(PARAM_NAMES.version, String(full.version));
  if (full.sort !== DEFAULT_QUERY.sort) out.set(PARAM_NAMES.sort, full.sort);
  if (full.dir !== DEFAULT_DIR[full.sort]) out.set(PARAM_NAMES.dir, full.dir);
  for (const f of [...full.family].sort()) out.append(PARAM_NAMES.family, f);
  for (const t of [...full.trainingData].sort()) out.append(PARAM_NAMES.trainingData, t);
  if (full.humanData !== "any") out.set(PARAM_NAMES.humanData, full.humanData);
  if (full.paramsMin !== null) out.set(PARAM_NAMES.paramsMin, formatParamCount(full.paramsMin));
  if (full.paramsMax !== null) out.set(PARAM_NAMES.paramsMax, formatParamCount(full.paramsMax));
  if (full.q) out.set(PARAM_NAMES.q, full.q);
  if (full.includeDemo !== null) out.set(PARAM_NAMES.includeDemo, String(full.includeDemo));
  if (full.page !== 1) out.set(PARAM_NAMES.page, String(full.page));
  if (full.pageSize !== DEFAULT_PAGE_SIZE) out.set(PARAM_NAMES.pageSize, String(full.pageSize));
  return out;
}

/**
 * The query string without its empty parameters (`q=`, `params_min=`…, as a GET form submits its blank fields),
 * other parameters untouched and in their order; null when nothing was empty. Pages redirect to it, so a filter
 * URL never carries `?q=&family=`, with or without JavaScript.
 */
export function withoutEmptyParams(params: RawParams): string | null {
  const out = new URLSearchParams();
  let dropped = false;
  for (const key of keysOf(params)) {
    for (const v of readAll(params, key)) {
      if (v.trim() === "") dropped = true;
      else out.append(key, v);
    }
  }
  return dropped ? out.toString() : null;
}
