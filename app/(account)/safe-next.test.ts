import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

describe("safeNext", () => {
  it.each(["/", "/submissions", "/models/resnet50?benchmark=synthetic&q=vit", "/benchmarks/clickme?family=ViT#table", "/a/b%2F%2Fc"])(
    "follows the same-site path %s",
    (path) => expect(safeNext(path)).toBe(path),
  );

  it.each([
    ["absolute", "https://evil.example/"],
    ["absolute without slashes", "https:evil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["protocol-relative", "//evil.example"],
    ["protocol-relative, three slashes", "///evil.example"],
    ["backslash after the slash", "/\\evil.example"],
    ["backslash later", "/\\/evil.example"],
    ["backslash first", "\\\\evil.example"],
    ["tab between the slashes", "/\t/evil.example"],
    ["line break between the slashes", "/\n/evil.example"],
    ["relative", "submissions"],
    ["empty", ""],
  ])("refuses %s (%j) and falls back", (_what, raw) => {
    expect(safeNext(raw)).toBe("/submissions");
    expect(safeNext(raw, "/account")).toBe("/account");
  });

  it("reads the first of repeated values and falls back when there is none", () => {
    expect(safeNext(["/account", "//evil.example"])).toBe("/account");
    expect(safeNext(["//evil.example", "/account"])).toBe("/submissions");
    expect(safeNext(undefined)).toBe("/submissions");
  });
});
