/**
 * Every image of a result, a page at a time: ordered by ρ either way or by image index, page and page size in the
 * URL (links, no JavaScript), a page past the end clamped to the last one. The window of page links is the board's
 * (pageWindow).
 */
import Link from "next/link";
import { pageWindow } from "@/components/leaderboard/pagination";
import { IMAGE_PAGE_SIZES, IMAGE_SORT_LABELS, IMAGE_SORTS, imageListHref, type ImageListQuery } from "./explorer-query";
import { ImageEntry, type EntryContext, type ExplorerImage } from "./image-entry";

export type ImageListPage = { rows: ExplorerImage[]; total: number; page: number; pages: number; pageSize: number };

type Props = { list: ImageListPage; query: ImageListQuery; ctx: EntryContext };

const n = (v: number) => v.toLocaleString("en-US");

function PageLinks({ list, query, resultId }: { list: ImageListPage; query: ImageListQuery; resultId: number }) {
  if (list.pages <= 1) return null;
  const at = { ...query, page: list.page };
  const href = (page: number) => imageListHref(resultId, at, { page });
  const edge = (label: string, page: number, rel?: string) =>
    page === list.page || page < 1 || page > list.pages ? (
      <span className="page-link is-disabled" aria-disabled="true">
        {label}
      </span>
    ) : (
      <Link className="page-link" href={href(page)} rel={rel}>
        {label}
      </Link>
    );
  return (
    <nav className="pagination" aria-label="Pages of the images">
      {edge("« First", 1)}
      {edge("‹ Previous", list.page - 1, "prev")}
      {pageWindow(list.page, list.pages).map((p) =>
        p === list.page ? (
          <span key={p} className="page-link is-current" aria-current="page">
            {p}
          </span>
        ) : (
          <Link key={p} className="page-link" href={href(p)} aria-label={`Page ${p}`}>
            {p}
          </Link>
        ),
      )}
      {edge("Next ›", list.page + 1, "next")}
      {edge("Last »", list.pages)}
      <span className="page-count">
        Page {n(list.page)} of {n(list.pages)}
      </span>
    </nav>
  );
}

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
      <PageLinks list={list} query={query} resultId={ctx.resultId} />
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
