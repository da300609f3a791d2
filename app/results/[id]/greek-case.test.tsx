/**
 * ρ stays ρ: no rendered Greek letter of the result page (or the model page's score table) sits under a rule of
 * app/globals.css that upper-cases text (text-transform: uppercase would show it as Ρ, a Latin-looking P). The check
 * reads the real stylesheet and walks the rendered HTML; its own test shows it catches the old `.meta-grid dt` rule.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { createEvaluation, createModel } from "@/db/factories";
import { imageResults, type EvaluationRow } from "@/db/schema";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { parseImageListQuery } from "@/components/explorer/explorer-query";
import { ScoreTable } from "@/components/model/score-table";
import { resultCitation, resultReproduce } from "@/lib/api/public-results";
import { listImageResultsPage } from "@/lib/queries/per-image-page";
import { getImageExtremes, getResultOrThrow } from "@/lib/queries/results";
import { ResultView } from "./result-view";

type Rule = { selector: string; transform: string };
type El = { tag: string; classes: string[]; id: string | null };

/** Every rule that sets text-transform, one per selector (comments dropped; @media bodies read like top-level rules). */
function transformRules(css: string): Rule[] {
  const out: Rule[] = [];
  for (const m of css.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const t = /text-transform\s*:\s*([a-z-]+)/.exec(m[2]);
    if (!t) continue;
    for (const selector of m[1].split(",")) {
      // Pseudo-elements never hold the page's text; pseudo-classes (:hover…) may apply, so they are dropped, not skipped.
      if (selector.includes("::")) continue;
      out.push({ selector: selector.replace(/:[\w-]+(\([^)]*\))?/g, "").trim(), transform: t[1] });
    }
  }
  return out;
}

const compoundMatches = (compound: string, el: El) => {
  const tag = /^[a-z][\w-]*/i.exec(compound)?.[0];
  if (tag && tag !== "*" && tag.toLowerCase() !== el.tag) return false;
  for (const [, kind, name] of compound.matchAll(/([.#])([\w-]+)/g)) {
    if (kind === "." && !el.classes.includes(name)) return false;
    if (kind === "#" && el.id !== name) return false;
  }
  return !/\[/.test(compound);
};

/** Whether `selector` matches chain[at] (combinators read as descendant: this over-reports, never under-reports). */
function selectorMatches(selector: string, chain: El[], at: number): boolean {
  const parts = selector.split(/\s*[>+~]\s*|\s+/).filter(Boolean);
  if (parts.length === 0 || !compoundMatches(parts[parts.length - 1], chain[at])) return false;
  let i = at - 1;
  for (let p = parts.length - 2; p >= 0; p--) {
    while (i >= 0 && !compoundMatches(parts[p], chain[i])) i--;
    if (i < 0) return false;
    i--;
  }
  return true;
}

const VOID = new Set(["img", "br", "input", "meta", "link", "hr", "source", "wbr", "col", "area"]);

/** The Greek text runs of `html` whose nearest text-transform rule (self or ancestor) upper-cases them. */
function upperCasedGreek(html: string, css: string): { text: string; path: string }[] {
  const rules = transformRules(css);
  const chain: El[] = [];
  const hits: { text: string; path: string }[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>|([^<]+)/g)) {
    if (m[4] !== undefined) {
      if (!/[\u0370-\u03ff]/.test(m[4])) continue;
      let transform = "none";
      for (let at = chain.length - 1; at >= 0; at--) {
        const applied = rules.filter((r) => selectorMatches(r.selector, chain, at)).map((r) => r.transform);
        if (applied.length) {
          transform = applied.includes("uppercase") ? "uppercase" : applied[0];
          break;
        }
      }
      if (transform === "uppercase") hits.push({ text: m[4], path: chain.map((e) => [e.tag, ...e.classes].join(".")).join(" > ") });
      continue;
    }
    const tag = m[2].toLowerCase();
    if (m[1]) {
      const at = chain.map((e) => e.tag).lastIndexOf(tag);
      if (at >= 0) chain.length = at;
      continue;
    }
    if (VOID.has(tag) || m[3].trimEnd().endsWith("/")) continue;
    chain.push({
      tag,
      classes: /\bclass="([^"]*)"/.exec(m[3])?.[1].split(/\s+/).filter(Boolean) ?? [],
      id: /\bid="([^"]*)"/.exec(m[3])?.[1] ?? null,
    });
  }
  return hits;
}

const CSS = readFileSync(path.join(process.cwd(), "app/globals.css"), "utf8");

describe("the upper-case check", () => {
  const html =
    '<dl class="meta-grid"><div><dt>Mean Spearman ρ</dt><dd>0.41</dd></div></dl><p class="page-kicker">Result <span>ρ</span></p>';

  it("catches ρ under an upper-casing rule, at any depth, and lets text-transform: none in a closer element win", () => {
    expect(upperCasedGreek(html, ".meta-grid dt { text-transform: uppercase; }")).toEqual([
      { text: "Mean Spearman ρ", path: "dl.meta-grid > div > dt" },
    ]);
    expect(upperCasedGreek(html, ".page-kicker { text-transform: uppercase }").map((h) => h.text)).toEqual(["ρ"]);
    expect(upperCasedGreek(html, ".page-kicker { text-transform: uppercase } .page-kicker span { text-transform: none }")).toEqual([]);
    expect(upperCasedGreek(html, "@media (max-width: 600px) { .meta-grid dt { text-transform: uppercase } }")).toHaveLength(1);
  });

  it("reads the site's stylesheet: badges and kickers are upper-cased, labels of the meta grids are not", () => {
    const selectors = transformRules(CSS)
      .filter((r) => r.transform === "uppercase")
      .map((r) => r.selector);
    expect(selectors).toEqual(expect.arrayContaining([".badge", ".page-kicker"]));
    expect(selectors).not.toContain(".meta-grid dt");
    // The meta grid's ρ is left alone; a ρ put into a kicker would still be caught.
    expect(upperCasedGreek(html, CSS).map((h) => h.path)).toEqual(["p.page-kicker > span"]);
  });
});

describe.each(testDatabaseKinds())("ρ on the result page on %s", (kind) => {
  let handle: DatabaseHandle;
  let db: Db;
  let e: EvaluationRow;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    db = handle.db;
    const m = await createModel(db, { slug: "greek-model" });
    e = await createEvaluation(db, m, {
      scores: { alignment: { value: 0.4, ci95: [0.38, 0.42] }, spearman: { value: 0.26, ci95: [0.25, 0.27] } },
      nUndefined: 2,
      provenance: { code_version: "abc1234" } as never,
    });
    await db.insert(imageResults).values(
      [0.2, null, -0.1].map((spearman, index) => ({
        evaluationId: e.id,
        index,
        shard: "val",
        label: index,
        spearman,
        correct: true,
        dice: null,
        iou: null,
      })),
    );
  });
  afterAll(() => handle?.close());

  it("renders every ρ of the page outside any upper-casing rule", async () => {
    const d = await getResultOrThrow(db, e.id);
    const q = parseImageListQuery({}, null);
    const html = renderToStaticMarkup(
      <>
        <ResultView
          d={d}
          images={await getImageExtremes(db, e.id)}
          list={await listImageResultsPage(db, e.id, q)}
          listQuery={q}
          citation={resultCitation(d, "https://leaderboard.example.org")}
          recipe={resultReproduce(d)}
          how={null}
          backHref="/"
        />
        <ScoreTable
          evaluations={[{ ...e, benchmarkTitle: "ClickMe", isCurrentBenchmarkVersion: true, scores: e.scores as never, provenance: null }]}
        />
      </>,
    );
    // The places ρ appears: a metric label and a provenance label in meta grids, the explorer, the score table.
    expect(html).toContain("<dt>Mean Spearman ρ</dt>");
    expect(html).toContain("<dt>Undefined ρ (constant maps)</dt>");
    expect(html).toContain("2 undefined ρ");
    expect(html.match(/ρ/g)?.length).toBeGreaterThan(8);
    expect(upperCasedGreek(html, CSS)).toEqual([]);
    // The same page under the old rule is caught.
    expect(upperCasedGreek(html, `${CSS}\n.meta-grid dt { text-transform: uppercase; }`).map((h) => h.text)).toEqual(
      expect.arrayContaining(["Mean Spearman ρ", "Undefined ρ (constant maps)"]),
    );
  });
});
