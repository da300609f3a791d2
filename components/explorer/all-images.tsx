/**
 * Every image of a result, a page at a time: ordered by ρ either way or by image index, page and page size in the
 * URL (links, no JavaScript), a page past the end clamped to the last one. The page links are the board's
 * (PageLinks).
 */
import Link from "next/link";
import { PageLinks } from "@/components/leaderboard/pagination";
import { IMAGE_PAGE_SIZES, IMAGE_SORT_LABELS, IMAGE_SORTS, imageListHref, type ImageListQuery } from "./explorer-query";
import { ImageEntry, type EntryContext, type ExplorerImage } from "./image-entry";

export type ImageListPage = { rows: ExplorerImage[]; total: number; page: number; pages: number; pageSize: number };

type Props = { list: ImageListPage; query: ImageListQuery; ctx: EntryContext };

const n = (v: number) => v.toLocaleString("en-US");

export function AllImages({ list, query, ctx }: Props) {
  const first = (list.page - 1) * list.pageSize + 1;
  const last = Math.min(list.total, list.page * list.pageSize);
  const at = { ...query, page: list.page };
  return (
    <section id="all-images" aria-labelledby="all-images-heading">
      <h3 id="all-images-heading">All images</h3>
      <p className="explorer-summary" role="status">
        Showing {n(first)}–{n(last)} of {n(list.total)} images, by {IMAGE_SORT_LABELS[query.sort]}.
      </p>
      {query.page > list.page && (
        <div className="notice" role="status">
          There is no page {n(query.page)}: this result has {n(list.pages)} {list.pages === 1 ? "page" : "pages"} of {n(list.pageSize)}.
          Showing page {n(list.page)}.
        </div>
      )}
      <nav className="filter-row" aria-label="Order of the images">
        <span className="muted">Order:</span>
        {IMAGE_SORTS.map((s) =>
          s === query.sort ? (
            <strong key={s} aria-current="true">
              {IMAGE_SORT_LABELS[s]}
            </strong>
          ) : (
            <Link key={s} href={imageListHref(ctx.resultId, at, { sort: s, page: 1 })}>
              {IMAGE_SORT_LABELS[s]}
            </Link>
          ),
        )}
      </nav>
      <ol className="explorer-list explorer-all" start={first}>
        {list.rows.map((img) => (
          <ImageEntry key={img.index} img={img} ctx={ctx} />
        ))}
      </ol>
      <PageLinks
        page={list.page}
        pages={list.pages}
        href={(page) => imageListHref(ctx.resultId, { ...query, page: list.page }, { page })}
        label="Pages of the images"
      />
      <nav className="page-size" aria-label="Images per page">
        <span className="muted">Per page:</span>
        {IMAGE_PAGE_SIZES.map((size) =>
          size === list.pageSize ? (
            <span key={size} className="page-link is-current" aria-current="true">
              {size}
            </span>
          ) : (
            <Link key={size} className="page-link" href={imageListHref(ctx.resultId, at, { pageSize: size, page: 1 })}>
              {size}
            </Link>
          ),
        )}
      </nav>
    </section>
  );
}
