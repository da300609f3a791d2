/**
 * The result page's "all images" list as it lives in the URL: `sort` (rho-asc, rho-desc, index), `page` and
 * `page_size`, lenient like the board (a bad value falls back to its default), plus the board the visitor came from
 * (`from`, kept by every link so the back link survives paging).
 */
import { PAGE_SIZE_CHOICES } from "@/lib/leaderboard/filters";

export const IMAGE_SORTS = ["rho-asc", "rho-desc", "index"] as const;
export type ImageSort = (typeof IMAGE_SORTS)[number];
export const IMAGE_SORT_LABELS: Record<ImageSort, string> = {
  "rho-asc": "ρ ascending (disagree first)",
  "rho-desc": "ρ descending (agree first)",
  index: "image index",
};
export const IMAGE_PAGE_SIZES = PAGE_SIZE_CHOICES;
export const DEFAULT_IMAGE_PAGE_SIZE = 25;
export const MAX_IMAGE_PAGE_SIZE = 200;

export type ImageListQuery = { sort: ImageSort; page: number; pageSize: number; from: string | null };

type Raw = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const positive = (v: string | undefined, max: number) => {
  if (v === undefined || !/^\d{1,7}$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 && n <= max ? n : null;
};

export function parseImageListQuery(params: Raw, from: string | null): ImageListQuery {
  const sort = first(params.sort);
  return {
    sort: (IMAGE_SORTS as readonly string[]).includes(sort ?? "") ? (sort as ImageSort) : "index",
    page: positive(first(params.page), 1_000_000) ?? 1,
    pageSize: positive(first(params.page_size), MAX_IMAGE_PAGE_SIZE) ?? DEFAULT_IMAGE_PAGE_SIZE,
    from,
  };
}

/** The result page's URL for this list state (defaults left out), landing on the list. */
export function imageListHref(resultId: number, q: ImageListQuery, patch: Partial<ImageListQuery> = {}): string {
  const s = { ...q, ...patch };
  const params = new URLSearchParams();
  if (s.from) params.set("from", s.from);
  if (s.sort !== "index") params.set("sort", s.sort);
  if (s.page !== 1) params.set("page", String(s.page));
  if (s.pageSize !== DEFAULT_IMAGE_PAGE_SIZE) params.set("page_size", String(s.pageSize));
  const qs = params.toString();
  return `/results/${resultId}${qs ? `?${qs}` : ""}#all-images`;
}
