import { parse } from "@retorquere/bibtex-parser";
import { describe, expect, it } from "vitest";
import { bibtexKey, escapeBibtex } from "./bibtex";
import { citeResult, citeSnapshot, PROJECT_AUTHOR } from "./cite";

const BASE = "https://leaderboard.example.org";
// Every LaTeX special in one name: the parser must read back exactly this text.
const NASTY = "R&D_net {50%} #1 $x$ ~a^b \\c";

const bib = (text: string) => parse(text, { sentenceCase: false });

describe("citeSnapshot", () => {
  const c = citeSnapshot(
    {
      id: "0123456789abcdef",
      hash: "0123456789abcdef".padEnd(64, "0"),
      createdAt: new Date("2026-03-04T05:06:07Z"),
      benchmark: { id: "clickme", version: 1, title: "ClickMe human alignment" },
      filters: `family: ${NASTY}`,
      rowCount: 12,
      dataCutoff: "2026-03-01T00:00:00.000Z",
    },
    BASE,
  );

  it("writes BibTeX that a BibTeX parser reads without errors: the snapshot and the benchmark's paper", () => {
    const lib = bib(c.bibtex);
    expect(lib.errors).toEqual([]);
    expect(lib.entries.map((e) => [e.type, e.key])).toEqual([
      ["misc", "harmonization-leaderboard-snapshot-0123456789abcdef"],
      ["inproceedings", "fel2022harmonizing"],
    ]);
    const [snap, paper] = lib.entries;
    expect(snap.fields.title).toBe("ClickMe human alignment leaderboard, snapshot 0123456789abcdef");
    expect(snap.fields.author).toEqual([{ name: PROJECT_AUTHOR }]);
    expect(snap.fields.url).toBe(`${BASE}/snapshots/0123456789abcdef`);
    expect(snap.fields.year).toBe("2026");
    expect(snap.fields.note).toContain(`filters: family: ${NASTY}`);
    expect(snap.fields.note).toContain("data cut-off 2026-03-01");
    expect(paper.fields.author).toHaveLength(4);
  });

  it("gives CSL-JSON for the snapshot (dataset) and the paper, and a plain-text reference naming both", () => {
    expect(c.csl.map((i) => [i.type, i.id])).toEqual([
      ["dataset", c.key],
      ["paper-conference", "fel2022harmonizing"],
    ]);
    expect(c.csl[0].issued).toEqual({ "date-parts": [[2026, 3, 4]] });
    expect(c.csl[1]).toMatchObject({
      author: [
        { family: "Fel", given: "Thomas" },
        { family: "Felipe", given: "Ivan" },
        { family: "Linsley", given: "Drew" },
        { family: "Serre", given: "Thomas" },
      ],
      issued: { "date-parts": [[2022]] },
    });
    expect(c.text).toContain(`${BASE}/snapshots/0123456789abcdef`);
    expect(c.text).toContain("Fel, T., Felipe, I., Linsley, D., & Serre, T. (2022)");
  });
});

describe("citeResult", () => {
  const input = {
    evaluationId: 42,
    model: { slug: "resnet50_harmonized", displayName: NASTY, ownerName: "Jane O'Brien & Co" },
    benchmark: { id: "clickme", version: 1, title: "ClickMe human alignment" },
    alignment: 0.615,
    alignmentCi: [0.598, 0.631] as [number, number],
    top1: 0.7612,
    top1Ci: null,
    evaluatedAt: new Date("2026-01-02T00:00:00Z"),
    publishedAt: null,
    codeVersion: "abc1234",
    weightsHash: "f".repeat(64),
  };

  it("has a stable key from permanent ids and BibTeX that round-trips every special character", () => {
    const c = citeResult(input, BASE);
    expect(c.key).toBe("resnet50-harmonized-clickme-v1-r42");
    const lib = bib(c.bibtex);
    expect(lib.errors).toEqual([]);
    expect(lib.entries[0].fields.title).toBe(`${NASTY} on ClickMe human alignment (benchmark clickme v1)`);
    expect(lib.entries[0].fields.author).toEqual([{ name: "Jane O'Brien & Co" }]);
    expect(lib.entries[0].fields.note).toContain("alignment 61.5% (95% CI 59.8%–63.1%); top-1 76.1%; result 42");
    expect(lib.entries[1].key).toBe("fel2022harmonizing");
    expect(citeResult(input, BASE).bibtex).toBe(c.bibtex);
  });

  it("fails the parser when escaping is skipped (the test can fail)", () => {
    const raw = `@misc{k,\n  title = {${NASTY.replace("\\c", "{")}}\n}`;
    expect(bib(raw).errors.length).toBeGreaterThan(0);
    expect(escapeBibtex("{}")).toBe("\\{\\}");
    expect(bibtexKey("Ä b", 1)).toBe("A-b-1");
  });
});
