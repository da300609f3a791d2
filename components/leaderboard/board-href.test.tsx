/** The board a model or result page returns to: carried as `from` by the board's row links, validated on arrival. */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DEFAULT_QUERY } from "@/lib/leaderboard/filters";
import { benchmarkBoardHref, parseBoardFrom, withBoardFrom } from "./board-href";
import { LeaderboardTable } from "./leaderboard-table";
import type { BoardRow } from "./types";

describe("parseBoardFrom", () => {
  it("keeps a same-site board with its filters, in the board's own URL form", () => {
    expect(parseBoardFrom("/")).toBe("/");
    expect(parseBoardFrom("/?benchmark=synthetic&family=ViT&page=2")).toBe("/?benchmark=synthetic&family=ViT&page=2");
    expect(parseBoardFrom("/benchmarks/clickme?sort=top1&dir=asc")).toBe("/benchmarks/clickme?sort=top1&dir=asc");
    // Unknown parameters and bad values are dropped; the benchmark in the path wins over one in the query.
    expect(parseBoardFrom("/benchmarks/clickme?benchmark=synthetic&evil=1&page=x&q=vit")).toBe("/benchmarks/clickme?q=vit");
    expect(parseBoardFrom(["/?q=a", "/?q=b"])).toBe("/?q=a");
  });

  it("refuses anything that is not a board of this site", () => {
    for (const bad of [
      undefined,
      "",
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example",
      "javascript:alert(1)",
      "/models/resnet50",
      "/benchmarks",
      "/benchmarks/no-such-benchmark",
      "/?benchmark=no-such-benchmark",
      "/api/v1/leaderboard",
      "/ benchmarks",
      `/?q=${"x".repeat(2001)}`,
    ]) {
      expect(parseBoardFrom(bad), String(bad)).toBeNull();
    }
  });

  it("falls back to the benchmark's own board, naming an older version when the result is of one", () => {
    expect(benchmarkBoardHref("clickme")).toBe("/");
    expect(benchmarkBoardHref("synthetic")).toBe("/?benchmark=synthetic");
    expect(benchmarkBoardHref("clickme", 1)).toBe("/?version=1");
  });

  it("adds `from` to a link, except for the home board (where back links go anyway)", () => {
    expect(withBoardFrom("/models/a", "/benchmarks/clickme?q=vit")).toBe("/models/a?from=%2Fbenchmarks%2Fclickme%3Fq%3Dvit");
    expect(withBoardFrom("/results/3?page=2", "/?family=ViT")).toBe("/results/3?page=2&from=%2F%3Ffamily%3DViT");
    expect(withBoardFrom("/models/a", "/")).toBe("/models/a");
    expect(withBoardFrom("/models/a", null)).toBe("/models/a");
  });
});

describe("the board's row links", () => {
  const row = { slug: "resnet50", displayName: "ResNet-50", rank: 1, rankBest: 1, tied: false, tiedWith: 0, family: "ResNet" } as BoardRow;
  const render = (query = DEFAULT_QUERY, basePath = "/", benchmarkInPath = false) =>
    renderToStaticMarkup(
      <LeaderboardTable id="b" rows={[row]} query={query} basePath={basePath} benchmarkInPath={benchmarkInPath} benchmarkLabel="ClickMe" />,
    );

  it("carry the board they are on, which the model page accepts as is", () => {
    const html = render({ ...DEFAULT_QUERY, family: ["ViT"], sort: "top1", dir: "desc", page: 2 }, "/benchmarks/clickme", true);
    const from = "/benchmarks/clickme?sort=top1&family=ViT&page=2";
    expect(html).toContain(`href="/models/resnet50?from=${encodeURIComponent(from)}"`);
    expect(parseBoardFrom(from)).toBe(from);
    expect(render()).toContain('href="/models/resnet50"');
  });
});
