/**
 * One page of every per-image row of a result (the explorer's "all images" list), in ρ order either way or in image
 * order, with the thumbnails stored for the page's images. The page is clamped into range, so a stale link past the
 * last page shows the last page instead of an empty list. Check the result's visibility first (getResultOrThrow).
 */
import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { imageResults, type ImageResultRow } from "@/db/schema";
import { thumbnailKinds } from "./results";

/**
 * How the list is ordered: by Spearman ρ (undefined ρ last either way) or by image index; ties by index. The result
 * page parses it from the URL (components/explorer/explorer-query.ts, the same three values; tsc checks they agree).
 */
export type PerImageSort = "rho-asc" | "rho-desc" | "index";

export type PerImageRow = ImageResultRow & { thumbnails: ("saliency" | "human" | "image")[] };

export type PerImagePage = {
  rows: PerImageRow[];
  /** Every per-image row of the result, defined ρ or not. */
  total: number;
  /** The page shown: the one asked for, clamped to 1..pages. */
  page: number;
  pages: number;
  pageSize: number;
  sort: PerImageSort;
};

const ORDER = {
  "rho-asc": [sql`${imageResults.spearman} asc nulls last`, asc(imageResults.index)],
  "rho-desc": [sql`${imageResults.spearman} desc nulls last`, asc(imageResults.index)],
  index: [asc(imageResults.index)],
} as const;

export async function listImageResultsPage(
  db: DbOrTx,
  evaluationId: number,
  opts: { sort: PerImageSort; page: number; pageSize: number },
): Promise<PerImagePage> {
  const pageSize = Math.max(1, Math.floor(opts.pageSize));
  const [count] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(imageResults)
    .where(eq(imageResults.evaluationId, evaluationId));
  const total = count?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(opts.page)), pages);
  const rows =
    total === 0
      ? []
      : await db
          .select()
          .from(imageResults)
          .where(eq(imageResults.evaluationId, evaluationId))
          .orderBy(...ORDER[opts.sort])
          .limit(pageSize)
          .offset((page - 1) * pageSize);
  const kinds = await thumbnailKinds(
    db,
    evaluationId,
    rows.map((r) => r.index),
  );
  return {
    rows: rows.map((r) => ({ ...r, thumbnails: kinds.get(r.index) ?? [] })),
    total,
    page,
    pages,
    pageSize,
    sort: opts.sort,
  };
}
