/**
 * Filtering, sorting and paging a board held in memory. A 10,000-row board filters and pages in about a
 * millisecond here, where the same work in embedded PGlite took 100–350 ms per request (see docs/benchmarks.md).
 */
import type { LeaderboardQuery, SortDir, SortKey } from "./filters";
import type { LeaderboardRow } from "./row";

/** A board row held in memory: the published row (lib/leaderboard/row.ts) plus what filtering needs. */
export type BoardEntry = Omit<LeaderboardRow, "tied" | "alignment"> & {
  evaluationId: number;
  fineTunedFromId: number | null;
  /** Only rows with an alignment are on a board. */
  alignment: number;
  /** Name, slug and family in search form (see searchTextOf), built once per entry. */
  searchText: string;
};

/**
 * The search rule: case and punctuation are ignored, and every word of the query must occur somewhere in the
 * model's name, slug or family, in any order. Text is lower-cased and stripped of everything but letters and
 * digits, so "vit b16" finds "ViT-B/16" (its search form "vitb16" contains "vit" and "b16"), as do "B/16 vit"
 * and "vitb16"; a word never spans two fields (they are joined by a newline, which no word contains).
 */
export function searchFormOf(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

export function searchTextOf(e: Pick<BoardEntry, "displayName" | "slug" | "family">): string {
  return [e.displayName, e.slug, e.family].map(searchFormOf).join("\n");
}

/** The query's words in search form; words that are only punctuation drop out. */
export function searchWordsOf(q: string): string[] {
  return q.split(/\s+/).map(searchFormOf).filter(Boolean);
}

export function matchesSearch(searchText: string, words: readonly string[]): boolean {
  return words.every((w) => searchText.includes(w));
}

type Cmp = (a: BoardEntry, b: BoardEntry) => number;

/** Nulls sort last in both directions, like SQL's NULLS LAST. */
function by<V extends number | string>(get: (e: BoardEntry) => V | null, dir: SortDir): Cmp {
  const sign = dir === "asc" ? 1 : -1;
  return (a, b) => {
    const x = get(a);
    const y = get(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return x < y ? -sign : x > y ? sign : 0;
  };
}

/** Measured rows rank above demo rows: the two are ranked separately, a demo row never takes a real rank. */
const byKind: Cmp = (a, b) => Number(a.isDemo) - Number(b.isDemo);

function comparators(sort: SortKey, dir: SortDir): Cmp[] {
  const byRank = [byKind, by((e) => e.rank, dir)];
  switch (sort) {
    case "rank":
      return byRank;
    case "model":
      return [by((e) => e.displayName.toLowerCase(), dir)];
    case "family":
      return [by((e) => e.family, dir), ...byRank];
    case "params":
      return [by((e) => e.paramCount, dir)];
    case "top1":
      return [by((e) => e.top1, dir)];
    case "alignment":
      return [by((e) => e.alignment, dir)];
    case "date":
      return [by((e) => e.evaluatedAt, dir)];
  }
}

/** A new array in the order of the sort key; ties end in the evaluation id so pages never overlap. */
export function sortBoard(entries: readonly BoardEntry[], sort: SortKey, dir: SortDir): BoardEntry[] {
  const cmps = [...comparators(sort, dir), (a: BoardEntry, b: BoardEntry) => a.evaluationId - b.evaluationId];
  return [...entries].sort((a, b) => {
    for (const c of cmps) {
      const d = c(a, b);
      if (d !== 0) return d;
    }
    return 0;
  });
}

/** The user's filters; `showDemo` decides whether demo rows are on the board at all. */
export function boardFilter(query: LeaderboardQuery, showDemo: boolean): ((e: BoardEntry) => boolean) | null {
  const tests: ((e: BoardEntry) => boolean)[] = [];
  if (!showDemo) tests.push((e) => !e.isDemo);
  if (query.family.length) {
    const set = new Set(query.family);
    tests.push((e) => set.has(e.family));
  }
  if (query.trainingData.length) {
    const set = new Set(query.trainingData);
    tests.push((e) => set.has(e.trainingData));
  }
  if (query.humanData !== "any") {
    const want = query.humanData === "yes";
    tests.push((e) => e.trainedOnHumanMaps === want);
  }
  const { paramsMin: lo, paramsMax: hi } = query;
  if (lo !== null) tests.push((e) => e.paramCount !== null && e.paramCount >= lo);
  if (hi !== null) tests.push((e) => e.paramCount !== null && e.paramCount <= hi);
  const words = searchWordsOf(query.q);
  if (words.length) tests.push((e) => matchesSearch(e.searchText, words));
  if (tests.length === 0) return null;
  return (e) => tests.every((t) => t(e));
}

/** How many pages `total` rows fill: at least 1, so an empty board still has its (empty) page 1. */
export function pageCountOf(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * The rows of one page, the count of all matching rows, and the page actually shown: a page past the end is
 * clamped to the last page (never an empty page with a "Showing 491–12" summary).
 */
export function pageOf(
  sorted: readonly BoardEntry[],
  keep: ((e: BoardEntry) => boolean) | null,
  requestedPage: number,
  pageSize: number,
): { rows: BoardEntry[]; total: number; page: number } {
  const matching = keep ? sorted.filter(keep) : sorted;
  const total = matching.length;
  const page = Math.min(Math.max(1, requestedPage), pageCountOf(total, pageSize));
  const start = (page - 1) * pageSize;
  return { rows: matching.slice(start, start + pageSize), total, page };
}
