import { parse } from "@retorquere/bibtex-parser";
import { describe, expect, it } from "vitest";
import { getBenchmark } from "@/lib/benchmarks";
import { citeBenchmark } from "./benchmark";
import { PROJECT_AUTHOR } from "./cite";

const BASE = "https://leaderboard.example.org";
const accessed = new Date("2026-12-03T08:00:00Z");

describe("citeBenchmark", () => {
  it("writes parseable BibTeX: the benchmark on the site, then its paper", () => {
    const c = citeBenchmark(getBenchmark("clickme"), BASE, accessed);
    const lib = parse(c.bibtex, { sentenceCase: false });
    expect(lib.errors).toEqual([]);
    expect(lib.entries.map((e) => [e.type, e.key])).toEqual([
      ["misc", "harmonization-leaderboard-benchmark-clickme-v1"],
      ["inproceedings", "fel2022harmonizing"],
    ]);
    const [site] = lib.entries;
    expect(site.fields.title).toBe("ClickMe human alignment (benchmark clickme v1)");
    expect(site.fields.author).toEqual([{ name: PROJECT_AUTHOR }]);
    expect(site.fields.url).toBe(`${BASE}/benchmarks/clickme`);
    expect(site.fields.note).toContain("accessed 2026-12-03");
    expect(site.fields.note).not.toContain("not comparable");
    expect(c.csl.map((i) => i.type)).toEqual(["dataset", "paper-conference"]);
    expect(c.text).toContain(`${BASE}/benchmarks/clickme`);
  });

  it("says a synthetic benchmark is not comparable with the paper's numbers", () => {
    const c = citeBenchmark(getBenchmark("synthetic"), BASE, accessed);
    expect(parse(c.bibtex, { sentenceCase: false }).errors).toEqual([]);
    expect(c.text).toContain("not comparable with the paper's numbers");
    expect(c.text).not.toMatch(/imagenet/i);
  });
});
