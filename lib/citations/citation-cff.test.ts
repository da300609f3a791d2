import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HARMONIZATION_PAPER } from "@/lib/benchmarks/citations";
import { paperCsl } from "./csl";

const cff = fs.readFileSync(path.join(process.cwd(), "CITATION.cff"), "utf8");
const field = (name: string) => cff.match(new RegExp(`^\\s*${name}:\\s*"?([^"\\n]+)"?$`, "m"))?.[1];

describe("CITATION.cff", () => {
  it("has the fields CFF 1.2.0 requires", () => {
    expect(field("cff-version")).toBe("1.2.0");
    for (const key of ["message", "title", "authors", "preferred-citation"]) expect(cff).toMatch(new RegExp(`^${key}:`, "m"));
    expect(cff).not.toMatch(/\t/);
  });

  it("names the benchmark's paper exactly as the registry does (title, year, volume, authors in order)", () => {
    const paper = paperCsl("clickme", HARMONIZATION_PAPER);
    const pref = cff.slice(cff.indexOf("preferred-citation:"));
    expect(pref).toContain(`title: "${paper.title}"`);
    expect(pref).toContain(`year: ${paper.issued["date-parts"][0][0]}`);
    expect(pref).toContain(`volume: ${paper.volume}`);
    const families = [...pref.matchAll(/family-names: (\S+)\n\s+given-names: (\S+)/g)].map((m) => ({ family: m[1], given: m[2] }));
    expect(families).toEqual(paper.author);
    expect(pref).toContain(`url: "${HARMONIZATION_PAPER.url}"`);
  });
});
