// Route: /models/[slug] — a model's scores with intervals per benchmark and version, metadata, preprocessing, provenance, lineage.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { NotCitable } from "@/components/citation/not-citable";
import { HOME_BOARD, parseBoardFrom } from "@/components/leaderboard/board-href";
import { DemoBadge, DemoBanner } from "@/components/leaderboard/demo-badge";
import { BackToBoard } from "@/components/model/back-to-board";
import { Lineage, ModelMeta, Preprocessing } from "@/components/model/model-meta";
import { ModelHistory, WithdrawnBanner } from "@/components/model/model-history";
import { PrivateBanner, PublishForm } from "@/components/model/private-view";
import { ProvenanceCard } from "@/components/model/provenance-card";
import { ScoreTable } from "@/components/model/score-table";
import { pagePathParam } from "@/lib/api/path-params";
import { AppError } from "@/lib/errors";
import { formatLabel } from "@/lib/submissions/format-label";
import { getViewer } from "@/lib/auth/session";
import { getDb, getModelDetailOrThrow } from "@/lib/queries";
import { DeleteForm, EditModelForm, ReinstateForm, WithdrawForm } from "./owner-forms";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// One query per request, shared by the metadata and the page. A private model is shown to its owner (and admins);
// anyone else gets the 404 of a slug nobody has.
const loadModel = cache(async (slug: string | null) => {
  if (slug === null) return null; // bad encoding or NUL: no model has that name
  try {
    const viewer = await getViewer();
    const detail = await getModelDetailOrThrow(await getDb(), slug, viewer);
    return { ...detail, viewerId: viewer?.id ?? null };
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") return null;
    throw err;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const detail = await loadModel(pagePathParam((await params).slug));
  return { title: detail ? detail.model.displayName : "Model not found" };
}

export default async function ModelPage({ params, searchParams }: Props) {
  const detail = await loadModel(pagePathParam((await params).slug));
  if (!detail) notFound();
  // The board the visitor came from (same-site board paths only), carried on to the result pages.
  const from = parseBoardFrom((await searchParams).from);
  const { model, evaluations, parent, children, rankByBenchmark } = detail;
  const current = evaluations.filter((e) => e.isCurrent && e.isCurrentBenchmarkVersion);
  const isOwner = detail.viewerId !== null && detail.viewerId === model.ownerUserId;
  return (
    <article>
      <p className="page-kicker">Model</p>
      <h1>
        {model.displayName} {model.isDemo && <DemoBadge />}
      </h1>
      {(model.isDemo || evaluations.some((e) => e.isDemo)) && <DemoBanner what="This model's page shows demo data" />}
      {model.visibility === "withdrawn" && model.withdrawnAt && (
        <WithdrawnBanner at={model.withdrawnAt} reason={model.withdrawnReason} what="This model" />
      )}
      {(model.visibility === "private" || model.visibility === "hidden") && (
        <PrivateBanner what="This model" hidden={model.visibility === "hidden"} />
      )}
      {(model.visibility === "public" || model.visibility === "withdrawn") && evaluations.some((e) => e.visibility !== "public") && (
        <PrivateBanner what="Each result marked private below" wholePage={false} />
      )}
      {model.description && <p className="lede">{model.description}</p>}

      {Object.keys(rankByBenchmark).length > 0 && (
        <ul className="link-list">
          {Object.entries(rankByBenchmark).map(([id, r]) => (
            <li key={id}>
              Rank <strong>{r.rank}</strong>
              {r.rankBest < r.rank && (
                <span className="tie">
                  {" "}
                  (tied {r.rankBest}–{r.rank})
                </span>
              )}{" "}
              of {r.total}
              {model.isDemo ? " demo rows" : ""} on <Link href={`/benchmarks/${id}`}>{id}</Link> v{r.version}
            </li>
          ))}
        </ul>
      )}

      <h2>Scores</h2>
      <ScoreTable evaluations={evaluations} from={from} />
      {model.visibility === "public" && (
        <p>
          <Link href={`/compare?models=${encodeURIComponent(model.slug)}`}>Compare with other models on every track →</Link>
        </p>
      )}

      <h2>Metadata</h2>
      <ModelMeta model={model} />
      <dl className="meta-grid">
        <div>
          <dt>Format</dt>
          <dd>{formatLabel(model)}</dd>
        </div>
      </dl>

      <h2>Preprocessing</h2>
      <Preprocessing p={model.preprocessing} />

      <h2>Provenance</h2>
      {current.length === 0 ? (
        <p className="muted">No current evaluation.</p>
      ) : (
        current.map((e) => <ProvenanceCard key={e.id} evaluation={e} />)
      )}
      {model.isDemo && <NotCitable />}

      <h2>Lineage</h2>
      <Lineage parent={parent} descendants={children} sameWeights={detail.sameWeights} from={from} />

      <h2>History</h2>
      <ModelHistory rows={detail.history} />

      {detail.ownerView && model.visibility === "private" && model.ownerUserId !== null && (
        <PublishForm action={`/api/v1/models/${encodeURIComponent(model.slug)}/publish`} what="model" />
      )}
      {isOwner && (
        <EditModelForm
          slug={model.slug}
          values={{
            name: model.displayName,
            description: model.description,
            paper_url: model.paperUrl ?? "",
            code_url: model.codeUrl ?? "",
            weights_url: model.weightsUrl ?? "",
            licence: model.licence ?? "",
          }}
        />
      )}
      {detail.ownerView && model.visibility === "public" && model.ownerUserId !== null && <WithdrawForm slug={model.slug} />}
      {detail.ownerView && model.visibility === "withdrawn" && (detail.viewerId === model.withdrawnByUserId || !isOwner) && (
        <ReinstateForm slug={model.slug} />
      )}
      {isOwner && model.visibility === "private" && <DeleteForm slug={model.slug} />}

      <BackToBoard href={from ?? HOME_BOARD} />
    </article>
  );
}
