import { describe, expect, it } from "vitest";
import { pageKeepingFirstRow } from "./page-size-control";
import { pageWindow } from "./pagination";

describe("pageWindow", () => {
  it("centres on the page and keeps five links at the edges", () => {
    expect(pageWindow(1, 200)).toEqual([1, 2, 3, 4, 5]);
    expect(pageWindow(50, 200)).toEqual([48, 49, 50, 51, 52]);
    expect(pageWindow(200, 200)).toEqual([196, 197, 198, 199, 200]);
    expect(pageWindow(2, 3)).toEqual([1, 2, 3]);
  });
});

describe("pageKeepingFirstRow", () => {
  it("opens the page of the new size that holds the first row on screen", () => {
    expect(pageKeepingFirstRow(1, 25, 100)).toBe(1); // row 1
    expect(pageKeepingFirstRow(3, 25, 50)).toBe(2); // row 51 → rows 51–100
    expect(pageKeepingFirstRow(4, 25, 100)).toBe(1); // row 76 → rows 1–100
    expect(pageKeepingFirstRow(2, 100, 25)).toBe(5); // row 101 → rows 101–125
  });
});
