// Route: /tracks — any two tracks against each other (top-1, where = ClickMe-style alignment, how = psychophysics),
// one point per public model with both, and Spearman's ρ across models. The axes live in the URL (?x=…&y=…).
import type { Metadata } from "next";
import Link from "next/link";
import { DemoBadge } from "@/components/leaderboard/demo-badge";
import { formatMetric, formatWithCi } from "@/components/format";
import { TableScroll } from "@/components/site/table-scroll";
import { TracksScatter, type TrackPoint } from "@/components/tracks/tracks-scatter";
import { defaultTrackAxes, findTrackAxis, trackAxes, type TrackAxis } from "@/lib/leaderboard/track-axes";
import { METRICS } from "@/lib/metrics/registry";
import { spearman } from "@/lib/metrics/spearman";
import { getDb } from "@/lib/queries";
import { listTrackScores, type TrackScore } from "@/lib/queries/tracks";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Tracks against each other" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function pointsFor(scores: TrackScore[], x: TrackAxis, y: TrackAxis): TrackPoint[] {
  const on = (axis: TrackAxis) =>
    new Map(scores.filter((s) => s.benchmarkId === axis.benchmark.id && s.scores[axis.metric]).map((s) => [s.modelSlug, s]));
  const xs = on(x);
  const ys = on(y);
  return [...xs.values()].flatMap((sx) => {
    const sy = ys.get(sx.modelSlug);
    if (!sy) return [];
    const a = sx.scores[x.metric];
    const b = sy.scores[y.metric];
    return [
      {
        slug: sx.modelSlug,
        label: sx.displayName,
        isDemo: sx.isDemo || sy.isDemo,
        trainedOnHumanMaps: sx.trainedOnHumanMaps,
        x: a.value,
        y: b.value,
        xCi: a.ci95,
        yCi: b.ci95,
        xResultId: sx.evaluationId,
        yResultId: sy.evaluationId,
      },
    ];
  });
}

export default async function TracksPage({ searchParams }: Props) {
  const params = await searchParams;
  const axes = trackAxes();
  const scores = await listTrackScores(await getDb(), [...new Set(axes.map((a) => a.benchmark.id))]);
  const [defX, defY] = defaultTrackAxes(axes, (a, b) => pointsFor(scores, a, b).length > 0);
  const x = findTrackAxis(one(params.x), axes) ?? defX;
  const y = findTrackAxis(one(params.y), axes) ?? defY;
  const points = pointsFor(scores, x, y);
  const rho = points.length >= 3 ? spearman(Float64Array.from(points.map((p) => p.x)), Float64Array.from(points.map((p) => p.y))) : null;
  const synthetic = !x.benchmark.comparableWithPaper || !y.benchmark.comparableWithPaper;
  const unknown = [one(params.x), one(params.y)].filter((v) => v !== undefined && !findTrackAxis(v, axes));
  return (
    <article>
      <p className="page-kicker">Tracks</p>
      <h1>
        Are models aligned on <em>where</em> also aligned on <em>how</em>?
      </h1>
      <p className="lede">
        Each point is a public model with a current result on both tracks: <em>where</em> is the agreement of its saliency with human click
        maps, <em>how</em> its accuracy-by-revealed-fraction curve against people&apos;s, top-1 its accuracy. Choose any two.
      </p>
      {unknown.length > 0 && (
        <p className="notice" role="note">
          Unknown axis {unknown.map((u) => `'${String(u).slice(0, 60)}'`).join(", ")}: showing the default instead.
        </p>
      )}
      <form method="get" className="filters">
        <div className="filter-row">
          {(["x", "y"] as const).map((name) => (
            <div key={name} className="field axis-field">
              <label htmlFor={`axis-${name}`}>{name === "x" ? "Horizontal axis" : "Vertical axis"}</label>
              <select id={`axis-${name}`} name={name} defaultValue={(name === "x" ? x : y).id}>
                {axes.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.label}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <div className="filter-actions">
            <button type="submit">Plot</button>
          </div>
        </div>
      </form>
      {synthetic && (
        <p className="notice" role="note">
          At least one axis is a synthetic stand-in (generated data, scripted human curve): not comparable with the paper.
        </p>
      )}
      {points.length === 0 ? (
        <p className="muted">
          No public model has current results on both {x.benchmark.title} and {y.benchmark.title} yet.
        </p>
      ) : (
        <>
          <TracksScatter
            points={points}
            xLabel={x.label}
            yLabel={y.label}
            xFormat={(v) => formatMetric(x.metric, v)}
            yFormat={(v) => formatMetric(y.metric, v)}
          />
          <p>
            Spearman&apos;s ρ across the {points.length} models:{" "}
            <strong>
              {rho === null ? (points.length < 3 ? "needs at least 3 models" : "undefined (one axis is constant)") : rho.toFixed(3)}
            </strong>
            {points.some((p) => p.isDemo) && " (includes demo rows)"}. Whiskers are each score&apos;s 95% interval; triangles were trained
            on human maps; hollow marks are demo data.
          </p>
          <TableScroll label="The plotted models">
            <table className="board">
              <caption>The plotted models</caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">{x.label}</th>
                  <th scope="col">{y.label}</th>
                </tr>
              </thead>
              <tbody>
                {points.map((p) => {
                  return (
                    <tr key={p.slug}>
                      <td>
                        <Link href={`/models/${encodeURIComponent(p.slug)}`}>{p.label}</Link>
                        {p.isDemo && (
                          <>
                            {" "}
                            <DemoBadge />
                          </>
                        )}
                      </td>
                      <td className="num">
                        <Link href={`/results/${p.xResultId}`}>{formatWithCi(x.metric, p.x, p.xCi)}</Link>
                      </td>
                      <td className="num">
                        <Link href={`/results/${p.yResultId}`}>{formatWithCi(y.metric, p.y, p.yCi)}</Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      <p className="muted">
        {METRICS[x.metric].label} and {METRICS[y.metric].label} on the current versions ({x.benchmark.id} v{x.benchmark.version},{" "}
        {y.benchmark.id} v{y.benchmark.version}). Compare a few models across every track on the{" "}
        <Link
          href={`/compare?models=${points
            .slice(0, 3)
            .map((p) => p.slug)
            .join(",")}`}
        >
          comparison page
        </Link>
        .
      </p>
    </article>
  );
}
