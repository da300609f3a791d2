// Route: /snapshots/[id] — a frozen, content-hashed leaderboard view with its citations.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CitationBlock } from "@/components/citation/citation-block";
import { formatDate } from "@/components/format";
import { snapshotCitation } from "@/lib/api/public-snapshots";
import { AppError } from "@/lib/errors";
import { parseLeaderboardQuery } from "@/lib/leaderboard/filters";
import { getDb } from "@/lib/queries";
import { getSnapshotOrThrow } from "@/lib/queries/snapshots";
import { SnapshotView } from "@/app/snapshots/snapshot-view";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const load = cache(async (id: string) => {
  try {
    return await getSnapshotOrThrow(await getDb(), id);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") return null;
    throw err;
  }
});

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const s = await load((await params).id);
  return { title: s ? `Snapshot ${s.summary.id}` : "Snapshot not found" };
}

export default async function SnapshotPage({ params, searchParams }: Props) {
  const s = await load((await params).id);
  if (!s) notFound();
  const sp = await searchParams;
  // Only the table's sort links change anything here; every other parameter is the frozen view's own.
  const resort = sp.sort !== undefined ? parseLeaderboardQuery({ sort: sp.sort, dir: sp.dir }).query : undefined;
  const c = snapshotCitation(s);
  return (
    <article>
      <p className="page-kicker">
        Snapshot · {s.summary.origin === "nightly" ? "nightly" : "cited view"} · {formatDate(s.summary.createdAt)}
      </p>
      <h1>
        {s.content.benchmark.title}: snapshot <code>{s.summary.id}</code>
      </h1>
      <p className="lede">
        This page never changes: it is rendered from content whose sha256 is <code>{s.summary.hash}</code>.{" "}
        <Link href={`/snapshots/${s.summary.id}/compare`}>Compare with now</Link> · <a href={`/api/v1/snapshots/${s.summary.id}`}>JSON</a> ·{" "}
        <Link href="/snapshots">All snapshots</Link>
      </p>
      <SnapshotView id={s.summary.id} content={s.content} resort={resort && { sort: resort.sort, dir: resort.dir }} searchParams={sp} />
      <CitationBlock label={`snapshot ${s.summary.id}`} fileStem={c.key} bibtex={c.bibtex} csl={c.csl} text={c.text} />
    </article>
  );
}
