// Route: /compare?models=a,b[,c,d] — 2–4 public models side by side on every track: scores with intervals, the
// "how" curves over the human one, per-image rows side by side, and a citation of the results shown.
import type { Metadata } from "next";
import Link from "next/link";
import { CitationBlock } from "@/components/citation/citation-block";
import { DemoBadge } from "@/components/leaderboard/demo-badge";
import { formatWithCi } from "@/components/format";
import { TableScroll } from "@/components/site/table-scroll";
import { HowChart } from "@/components/tracks/how-chart";
import { BENCHMARKS } from "@/lib/benchmarks";
import { citeComparison } from "@/lib/citations/cite";
import { getEnv } from "@/lib/env";
import { METRICS } from "@/lib/metrics/registry";
import { getDb } from "@/lib/queries";
import { compareImages, getComparison, searchPublicModels, type ImageRow } from "@/lib/queries/tracks";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare models" };

const MAX_MODELS = 4;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

function parseSlugs(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(",")
        .map((s) => s.trim().toLowerCase())
        .filter((s) => /^[a-z0-9-]{1,100}$/.test(s)),
    ),
  ];
}

const href = (slugs: string[]) => (slugs.length ? `/compare?models=${slugs.join(",")}` : "/compare");

export default async function ComparePage({ searchParams }: Props) {
  const params = await searchParams;
  const asked = parseSlugs(one(params.models));
  const slugs = asked.slice(0, MAX_MODELS);
  const q = one(params.q).slice(0, 100);
  const db = await getDb();
  const { scores, found } = await getComparison(db, slugs);
  const missing = slugs.filter((s) => !found.some((f) => f.slug === s));
  const shown = found.map((f) => f.slug);
  const matches = q ? (await searchPublicModels(db, q)).filter((m) => !shown.includes(m.slug)) : [];
  const tracks = BENCHMARKS.filter((b) => scores.some((s) => s.benchmarkId === b.id));
  const imageRows = new Map<string, ImageRow[]>(
    await Promise.all(
      tracks
        .filter((b) => !b.psychophysics)
        .map(
          async (b) =>
            [
              b.id,
              await compareImages(
                db,
                scores.filter((s) => s.benchmarkId === b.id).map((s) => s.evaluationId),
              ),
            ] as const,
        ),
    ),
  );
  const query = `models=${shown.join(",")}`;
  const citation = shown.length
    ? citeComparison(
        {
          query,
          accessed: new Date(),
          models: found,
          results: tracks.flatMap((b) =>
            scores
              .filter((s) => s.benchmarkId === b.id && s.scores[b.primaryMetric])
              .map((s) => ({
                modelSlug: s.modelSlug,
                evaluationId: s.evaluationId,
                benchmark: { id: b.id, version: b.version },
                metric: b.primaryMetric,
                value: s.scores[b.primaryMetric].value,
                ci95: s.scores[b.primaryMetric].ci95,
              })),
          ),
        },
        getEnv().PUBLIC_URL.replace(/\/$/, ""),
      )
    : null;
  return (
    <article>
      <p className="page-kicker">Compare</p>
      <h1>{found.length ? found.map((f) => f.displayName).join(" · ") : "Compare models across every track"}</h1>
      <p className="lede">
        Two to four public models side by side on every track they have current results on: <em>where</em> (saliency against human click
        maps), <em>how</em> (accuracy as more of the image is revealed, against people) and top-1. The address is the comparison: share or
        cite it.
      </p>
      {asked.length > MAX_MODELS && (
        <p className="notice" role="note">
          At most {MAX_MODELS} models: showing the first {MAX_MODELS}.
        </p>
      )}
      {missing.length > 0 && (
        <p className="notice" role="note">
          No public model {missing.map((m) => `'${m}'`).join(", ")} (private models are not compared here).
        </p>
      )}

      <section aria-labelledby="models-h" className="card">
        <h2 id="models-h">Models</h2>
        {found.length > 0 && (
          <ul className="link-list">
            {found.map((f) => (
              <li key={f.slug}>
                <Link href={`/models/${encodeURIComponent(f.slug)}`}>{f.displayName}</Link>
                {f.isDemo && (
                  <>
                    {" "}
                    <DemoBadge />
                  </>
                )}{" "}
                ·{" "}
                <Link href={href(shown.filter((s) => s !== f.slug))} aria-label={`Remove ${f.displayName}`}>
                  remove
                </Link>
              </li>
            ))}
          </ul>
        )}
        {shown.length < MAX_MODELS && (
          <form method="get" className="filter-row">
            <input type="hidden" name="models" value={shown.join(",")} />
            <div className="field field-search">
              <label htmlFor="compare-q">Add a model (name or id)</label>
              <input id="compare-q" type="search" name="q" defaultValue={q} maxLength={100} />
            </div>
            <div className="filter-actions">
              <button type="submit">Find</button>
            </div>
          </form>
        )}
        {q &&
          (matches.length === 0 ? (
            <p className="muted">No other public model matches “{q}”.</p>
          ) : (
            <ul className="link-list">
              {matches.map((m) => (
                <li key={m.slug}>
                  <Link href={href([...shown, m.slug])}>Add {m.displayName}</Link> <span className="muted">({m.slug})</span>
                </li>
              ))}
            </ul>
          ))}
      </section>

      {found.length > 0 && tracks.length === 0 && <p className="muted">None of these models has a current public result yet.</p>}
      {tracks.map((b) => {
        const rows = found.map((f) => ({ f, s: scores.find((s) => s.modelSlug === f.slug && s.benchmarkId === b.id) }));
        const how = rows.filter((r) => r.s?.how).map((r) => ({ label: r.f.displayName, curve: r.s!.how! }));
        return (
          <section key={b.id} aria-labelledby={`track-${b.id}`}>
            <h2 id={`track-${b.id}`}>
              {b.title}{" "}
              <span className="muted">
                v{b.version} · {b.psychophysics ? "how" : "where"}
              </span>
            </h2>
            {!b.comparableWithPaper && (
              <p className="notice" role="note">
                Synthetic data: not comparable with the paper.
              </p>
            )}
            <TableScroll label={`${b.title}: scores`}>
              <table className="board">
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    {b.metrics.map((m) => (
                      <th key={m} scope="col">
                        {METRICS[m].label} (95% CI)
                      </th>
                    ))}
                    <th scope="col">Result</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map(({ f, s }) => (
                    <tr key={f.slug}>
                      <td>{f.displayName}</td>
                      {b.metrics.map((m) => (
                        <td key={m} className="num">
                          {s?.scores[m] ? formatWithCi(m, s.scores[m].value, s.scores[m].ci95) : "—"}
                        </td>
                      ))}
                      <td>
                        {s ? (
                          <>
                            <Link href={`/results/${s.evaluationId}`}>{s.evaluationId}</Link>
                            {!b.psychophysics && (
                              <>
                                {" "}
                                · <Link href={`/results/${s.evaluationId}#explorer`}>per-image</Link>
                              </>
                            )}{" "}
                            · <a href={`/api/v1/results/${s.evaluationId}/images.csv`}>CSV</a>
                          </>
                        ) : (
                          "not evaluated"
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            {(imageRows.get(b.id)?.length ?? 0) > 0 && (
              <TableScroll label={`${b.title}: images side by side`}>
                <table className="board">
                  <caption>
                    Per image: the 3 images each model agrees least with people on, and every model&apos;s ρ there (✓ correct class, ✗
                    wrong)
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Image</th>
                      <th scope="col">Class</th>
                      {rows
                        .filter((r) => r.s)
                        .map(({ f }) => (
                          <th key={f.slug} scope="col">
                            {f.displayName}
                          </th>
                        ))}
                    </tr>
                  </thead>
                  <tbody>
                    {imageRows.get(b.id)!.map((img) => (
                      <tr key={img.index}>
                        <td className="num">{img.index}</td>
                        <td className="num">{img.label}</td>
                        {rows
                          .filter((r) => r.s)
                          .map(({ f, s }) => {
                            const v = img.byEvaluation[s!.evaluationId];
                            return (
                              <td key={f.slug} className="num">
                                {v ? (
                                  <Link href={`/results/${s!.evaluationId}#explorer`}>
                                    {v.spearman === null ? "undefined" : v.spearman.toFixed(3)} {v.correct ? "✓" : "✗"}
                                  </Link>
                                ) : (
                                  "—"
                                )}
                              </td>
                            );
                          })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
            {how.length > 0 && (
              <HowChart
                idBase={`how-${b.id}`}
                series={how.map((h) => ({ label: h.label, modelAccuracy: h.curve.modelAccuracy, nPerLevel: h.curve.nPerLevel }))}
                humanMeanCorrect={how[0].curve.humanMeanCorrect}
                revealedPercent={how[0].curve.revealedPercent}
                humanLabel={b.psychophysics?.humanCurve.scripted ? "Scripted human curve (synthetic)" : "People"}
              />
            )}
          </section>
        );
      })}
      {found.length >= 2 && (
        <p>
          <Link href="/tracks">All models, two tracks at a time →</Link>
        </p>
      )}
      {citation && (
        <CitationBlock label="this comparison" fileStem={citation.key} bibtex={citation.bibtex} csl={citation.csl} text={citation.text} />
      )}
    </article>
  );
}
