import { describe, expect, it } from "vitest";
import { accountHref } from "./sign-in-href";

describe("accountHref", () => {
  it("carries the current path and query as next", () => {
    expect(accountHref("/signin", "/benchmarks/synthetic", "family=ViT&q=vit+b")).toBe(
      "/signin?next=%2Fbenchmarks%2Fsynthetic%3Ffamily%3DViT%26q%3Dvit%2Bb",
    );
    expect(new URLSearchParams(accountHref("/signup", "/models/resnet50", "?benchmark=shortcut").split("?")[1]).get("next")).toBe(
      "/models/resnet50?benchmark=shortcut",
    );
    expect(accountHref("/signin", "/", "")).toBe("/signin?next=%2F");
  });

  it("on the sign-in and sign-up pages keeps where they were headed", () => {
    expect(accountHref("/signup", "/signin", "next=%2Fsubmit")).toBe("/signup?next=%2Fsubmit");
    expect(accountHref("/signin", "/signup", "")).toBe("/signin");
  });
});
