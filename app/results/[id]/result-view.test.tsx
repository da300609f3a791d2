/** The result page from real rows: explorer captions, class names, enlarging, paging, demo rows, the back link. */
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { createEvaluation, createModel } from "@/db/factories";
import { evaluationThumbnails, imageResults, type EvaluationRow } from "@/db/schema";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { parseImageListQuery } from "@/components/explorer/explorer-query";
import { resultCitation, resultReproduce } from "@/lib/api/public-results";
import { listImageResultsPage } from "@/lib/queries/per-image-page";
import { getImageExtremes, getResultOrThrow } from "@/lib/queries/results";
import { ResultView } from "./result-view";

const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'");
const count = (html: string, s: string) => html.split(s).length - 1;

describe.each(testDatabaseKinds())("result page on %s", (kind) => {
  let handle: DatabaseHandle;
  let db: Db;
  const e: Record<string, EvaluationRow> = {};

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    db = handle.db;
    const real = await createModel(db, { slug: "rv-real", displayName: "RV Real" });
    const demo = await createModel(db, { slug: "rv-demo", displayName: "RV Demo", isDemo: true });
    e.clickme = await createEvaluation(db, real);
    e.synthetic = await createEvaluation(db, real, { benchmarkId: "synthetic" });
    e.demo = await createEvaluation(db, demo);
    const rows = (evaluationId: number, n: number) =>
      Array.from({ length: n }, (_, index) => ({
        evaluationId,
        index,
        shard: "val-0",
        label: index % 4,
        spearman: index === 3 ? null : Math.round(((index * 37) % 60) - 30) / 100,
        correct: index % 2 === 0,
        dice: 0.5,
        iou: 0.3,
      }));
    await db.insert(imageResults).values([...rows(e.clickme.id, 60), ...rows(e.synthetic.id, 5), ...rows(e.demo.id, 5)]);
    const png = Buffer.from([1]);
    await db.insert(evaluationThumbnails).values(
      (["image", "human", "saliency"] as const).flatMap((k) => [
        { evaluationId: e.synthetic.id, kind: k, imageIndex: 0, png },
        { evaluationId: e.clickme.id, kind: k, imageIndex: 1, png },
      ]),
    );
  });
  afterAll(() => handle?.close());

  async function render(ev: EvaluationRow, params: Record<string, string> = {}, backHref = "/") {
    const d = await getResultOrThrow(db, ev.id);
    const listQuery = parseImageListQuery(params, params.from ?? null);
    const isDemo = d.evaluation.isDemo || d.model.isDemo;
    return renderToStaticMarkup(
      <ResultView
        d={d}
        images={await getImageExtremes(db, ev.id)}
        list={await listImageResultsPage(db, ev.id, listQuery)}
        listQuery={listQuery}
        citation={isDemo ? null : resultCitation(d, "https://leaderboard.example.org")}
        recipe={isDemo ? null : resultReproduce(d)}
        how={null}
        backHref={backHref}
      />,
    );
  }

  it("captions each picture, and enlarges it on click with a link to the full PNG as the no-JavaScript fallback", async () => {
    const html = await render(e.synthetic);
    const src = `/api/v1/results/${e.synthetic.id}/thumbnails`;
    for (const [k, caption] of [
      ["image", "Image"],
      ["human", "Human map"],
      ["saliency", "Model saliency"],
    ]) {
      expect(html).toContain(`<figcaption>${caption}</figcaption>`);
      expect(html).toMatch(
        new RegExp(
          `<a href="${src}/${k}/0" class="explorer-zoom" aria-haspopup="dialog" aria-label="Enlarge: ${caption} of image 0 \\(red disc\\)"><img src="${src}/${k}/0"`,
        ),
      );
    }
    // Each picture sits in a figure with its caption (once in "disagree/agree", once in the full list).
    expect(count(html, '<figure class="explorer-thumb">')).toBe(count(html, "<figcaption>"));
  });

  it("names ClickMe classes by their ImageNet names (and leaves out dataset images there)", async () => {
    const html = await render(e.clickme);
    expect(text(html)).toContain("Image 1: goldfish (label 1, val-0)");
    expect(text(html)).toContain("Image 2: great white shark (label 2, val-0)");
    expect(html).not.toContain(`/thumbnails/image/1`);
    expect(html).toContain(`<figcaption>Human map</figcaption>`);
  });

  it("pages through all images in the URL's order, keeping the board to return to in every link", async () => {
    const from = "/benchmarks/clickme?sort=top1";
    const html = await render(e.clickme, { sort: "rho-desc", page: "2", page_size: "25", from });
    expect(text(html)).toContain("Showing 26–50 of 60 images, by ρ descending (agree first).");
    const q = `from=${encodeURIComponent(from)}&amp;sort=rho-desc`;
    expect(html).toContain(`rel="next" href="/results/${e.clickme.id}?${q}&amp;page=3#all-images"`);
    expect(html).toContain(`rel="prev" href="/results/${e.clickme.id}?${q}#all-images"`);
    expect(html).toContain('aria-current="page">2</span>');
    // Changing the order or the page size starts again at page 1.
    expect(html).toContain(`href="/results/${e.clickme.id}?from=${encodeURIComponent(from)}#all-images"`);
    expect(html).toContain(`href="/results/${e.clickme.id}?${q}&amp;page_size=50#all-images"`);
    // The model link carries the board too.
    expect(html).toContain(`href="/models/rv-real?from=${encodeURIComponent(from)}"`);
  });

  it("clamps a page past the end to the last one and says so", async () => {
    const html = await render(e.clickme, { page: "9", page_size: "50" });
    expect(text(html)).toContain("There is no page 9: this result has 2 pages of 50. Showing page 2.");
    expect(text(html)).toContain("Showing 51–60 of 60 images, by image index.");
  });

  it("offers the reproduce recipe and the BibTeX for a real model, neither for a demo model, and says why", async () => {
    const real = await render(e.clickme);
    expect(real).toContain("Reproduce this");
    expect(real).toContain('class="citation"');
    expect(real).toContain("rv-real-clickme-v1-r1.bib");
    expect(real).not.toContain("not a citable result");
    const demo = await render(e.demo);
    expect(demo).not.toContain("Reproduce this");
    expect(demo).not.toContain('class="citation"');
    expect(demo).not.toContain(".bib");
    expect(demo).not.toContain("npm run evaluate");
    expect(text(demo)).toContain("Demo model: not a citable result.");
  });

  it("links back to the board it is given", async () => {
    const html = await render(e.clickme, {}, "/benchmarks/clickme?family=ViT");
    expect(html).toContain('<a href="/benchmarks/clickme?family=ViT">← Back to the leaderboard</a>');
  });
});
