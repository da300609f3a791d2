import { describe, expect, it } from "vitest";
import type { PlacedPoint } from "@/lib/charts/scatter-model";
import { groupPoints } from "./point-groups";

const at = (slug: string, px: number, py: number, name = slug.toUpperCase()): PlacedPoint => ({
  slug,
  name,
  family: "cnn",
  top1: 0.7,
  alignment: 0.5,
  top1Ci: null,
  alignmentCi: null,
  isDemo: false,
  humanData: false,
  px,
  py,
  onFront: false,
});
const ID = { k: 1, x: 0, y: 0 };

describe("groupPoints", () => {
  it("gathers three points at the same coordinates into one group of three, members by name", () => {
    const { groups, bySlug } = groupPoints([at("c", 100, 50), at("a", 100, 50), at("lonely", 200, 50), at("b", 100, 50)], ID);
    expect(groups).toHaveLength(1);
    expect(groups[0].members.map((m) => m.slug)).toEqual(["a", "b", "c"]);
    expect([groups[0].px, groups[0].py]).toEqual([100, 50]);
    expect(bySlug.get("a")).toBe(groups[0]);
    expect(bySlug.has("lonely")).toBe(false);
  });

  it("groups marks within a few pixels, not ones that are merely near", () => {
    const { groups } = groupPoints([at("a", 10, 10), at("b", 13, 10), at("c", 30, 10), at("d", 39, 10)], ID);
    expect(groups.map((g) => g.members.map((m) => m.slug))).toEqual([["a", "b"]]);
  });

  it("is formed in screen pixels: zooming in separates a group", () => {
    const points = [at("a", 10, 10), at("b", 12, 11)];
    expect(groupPoints(points, ID).groups).toHaveLength(1);
    expect(groupPoints(points, { k: 4, x: -20, y: 0 }).groups).toHaveLength(0);
  });

  it("is deterministic whatever the input order, and a dense line does not chain into one group", () => {
    const line = Array.from({ length: 20 }, (_, i) => at(`p${String(i).padStart(2, "0")}`, 100 + i * 3, 40));
    const a = groupPoints(line, ID);
    const b = groupPoints([...line].reverse(), ID);
    expect(a.groups.map((g) => g.members.map((m) => m.slug))).toEqual(b.groups.map((g) => g.members.map((m) => m.slug)));
    expect(Math.max(...a.groups.map((g) => g.members.length))).toBeLessThanOrEqual(3);
    expect(a.groups.flatMap((g) => g.members)).toHaveLength(new Set(a.groups.flatMap((g) => g.members)).size);
  });

  it("handles 10,000 points quickly", () => {
    const many = Array.from({ length: 10_000 }, (_, i) => at(`m${i}`, (i * 7919) % 640, (i * 104729) % 400));
    const start = performance.now();
    const { groups } = groupPoints(many, ID);
    expect(performance.now() - start).toBeLessThan(500);
    expect(groups.length).toBeGreaterThan(0);
  });
});
