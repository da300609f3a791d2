import { describe, expect, it } from "vitest";
import { imageListHref, parseImageListQuery } from "./explorer-query";

describe("the all-images list in the URL", () => {
  it("reads order, page and page size, falling back to defaults on bad values", () => {
    expect(parseImageListQuery({}, null)).toEqual({ sort: "index", page: 1, pageSize: 25, from: null });
    expect(parseImageListQuery({ sort: "rho-desc", page: "4", page_size: "50" }, "/?q=a")).toEqual({
      sort: "rho-desc",
      page: 4,
      pageSize: 50,
      from: "/?q=a",
    });
    for (const [k, v] of [
      ["sort", "rho"],
      ["page", "0"],
      ["page", "-2"],
      ["page", "1e3"],
      ["page_size", "201"],
      ["page_size", "abc"],
    ]) {
      expect(parseImageListQuery({ [k]: v }, null)).toEqual({ sort: "index", page: 1, pageSize: 25, from: null });
    }
    expect(parseImageListQuery({ page: ["3", "5"] }, null).page).toBe(3);
  });

  it("writes links that leave defaults out, keep the board to return to, and land on the list", () => {
    const q = parseImageListQuery({ sort: "rho-asc", page: "2" }, "/benchmarks/clickme");
    expect(imageListHref(7, q)).toBe("/results/7?from=%2Fbenchmarks%2Fclickme&sort=rho-asc&page=2#all-images");
    expect(imageListHref(7, q, { sort: "index", page: 1 })).toBe("/results/7?from=%2Fbenchmarks%2Fclickme#all-images");
    expect(imageListHref(7, { ...q, from: null }, { pageSize: 100, page: 1 })).toBe("/results/7?sort=rho-asc&page_size=100#all-images");
  });
});
