import { describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/metrics/prng";
import { drawShortcutSpec, renderShortcutScene, SHORTCUT_SIZE } from "./render";
import { shortcutSample } from "./samples";

describe("shortcut scenes", () => {
  it("are deterministic per (seed, split, index) and label = shape", () => {
    const a = shortcutSample(1, "train", 5);
    const b = shortcutSample(1, "train", 5);
    expect(Buffer.from(a.image).equals(Buffer.from(b.image))).toBe(true);
    expect(Buffer.from(shortcutSample(1, "test", 5).image).equals(Buffer.from(a.image))).toBe(false);
    expect(a.image.length).toBe(SHORTCUT_SIZE * SHORTCUT_SIZE * 3);
  });
  it("mark exactly the object in the map, and the object is a flat fill", () => {
    const s = renderShortcutScene(mulberry32(4), { shape: 1, texture: 2 });
    const inside = [...s.map].filter((v) => v === 255).length;
    expect(inside).toBeGreaterThan(1000);
    expect([...s.map].every((v) => v === 0 || v === 255)).toBe(true);
    const fills = new Set<number>();
    s.map.forEach((v, p) => v === 255 && fills.add(Math.round(s.image[p * 3] / 32)));
    expect(fills.size).toBeLessThanOrEqual(2);
  });
  it("draw a bright object on dark stripes, so that the shape is easy to find", () => {
    for (let seed = 1; seed <= 5; seed++) {
      const s = renderShortcutScene(mulberry32(seed), { shape: seed % 4, texture: (seed + 1) % 4 });
      let objectMin = 255;
      let backgroundMax = 0;
      s.map.forEach((v, p) => {
        const lo = Math.min(s.image[p * 3], s.image[p * 3 + 1], s.image[p * 3 + 2]);
        const hi = Math.max(s.image[p * 3], s.image[p * 3 + 1], s.image[p * 3 + 2]);
        if (v === 255) objectMin = Math.min(objectMin, lo);
        else backgroundMax = Math.max(backgroundMax, hi);
      });
      expect(objectMin).toBeGreaterThanOrEqual(190);
      expect(backgroundMax).toBeLessThanOrEqual(140);
    }
  });
  it("agree texture with class on ~95% of train and ~25% of test scenes", () => {
    const rng = mulberry32(9);
    const agree = (split: "train" | "test") => {
      let n = 0;
      for (let i = 0; i < 4000; i++) {
        const s = drawShortcutSpec(rng, split);
        if (s.texture === s.shape) n++;
      }
      return n / 4000;
    };
    expect(agree("train")).toBeGreaterThan(0.93);
    expect(agree("train")).toBeLessThan(0.97);
    expect(agree("test")).toBeGreaterThan(0.22);
    expect(agree("test")).toBeLessThan(0.28);
  });
  it("rejects unknown shapes and splits", () => {
    expect(() => renderShortcutScene(mulberry32(1), { shape: 7, texture: 0 })).toThrow(/shape must be 0..3/);
    expect(() => drawShortcutSpec(mulberry32(1), "val" as "test")).toThrow(/split/);
  });
});
