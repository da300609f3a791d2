import { describe, expect, it } from "vitest";
import { pageWindow } from "./pagination";

describe("pageWindow", () => {
  it("centres on the page and keeps five links at the edges", () => {
    expect(pageWindow(1, 200)).toEqual([1, 2, 3, 4, 5]);
    expect(pageWindow(50, 200)).toEqual([48, 49, 50, 51, 52]);
    expect(pageWindow(200, 200)).toEqual([196, 197, 198, 199, 200]);
    expect(pageWindow(2, 3)).toEqual([1, 2, 3]);
  });
});
