import { describe, expect, it } from "vitest";
import { COLOURS, SYNTHETIC_CLASSES } from "./classes";
import { renderScene, sampleSceneSpec } from "./render-scene";
import { createRng } from "./rng";
import { TEXTURES } from "./textures";

describe("renderScene", () => {
  it("is a pure function of the rng state and the spec", () => {
    const a = renderScene(createRng(5), { label: 3, texture: "dots" });
    const b = renderScene(createRng(5), { label: 3, texture: "dots" });
    expect(Buffer.from(a.image).equals(Buffer.from(b.image))).toBe(true);
    expect(Buffer.from(a.heatmap).equals(Buffer.from(b.heatmap))).toBe(true);
    const c = renderScene(createRng(6), { label: 3, texture: "dots" });
    expect(Buffer.from(a.image).equals(Buffer.from(c.image))).toBe(false);
  });

  it("marks the object in the map: hot pixels have the class colour, cold ones are background", () => {
    for (const cls of SYNTHETIC_CLASSES) {
      const texture = TEXTURES[cls.label % TEXTURES.length];
      const s = renderScene(createRng(100 + cls.label), { label: cls.label, texture });
      expect(s.label).toBe(cls.label);
      expect(s.image.length).toBe(256 * 256 * 3);
      expect(s.heatmap.length).toBe(256 * 256);
      const [r, , b] = COLOURS[cls.colour];
      const isRed = r > b;
      let hot = 0;
      let hotMatching = 0;
      let coldMatching = 0;
      let cold = 0;
      for (let p = 0; p < s.heatmap.length; p++) {
        const dominant = isRed ? s.image[p * 3] - s.image[p * 3 + 2] : s.image[p * 3 + 2] - s.image[p * 3];
        if (s.heatmap[p] === 255) {
          hot++;
          if (dominant > 60) hotMatching++;
        } else if (s.heatmap[p] === 0) {
          cold++;
          if (dominant > 60) coldMatching++;
        }
      }
      expect(hot / 65536, cls.name).toBeGreaterThan(0.01); // the object is visible
      expect(cold / 65536, cls.name).toBeGreaterThan(0.5); // and does not fill the frame
      expect(hotMatching / hot, cls.name).toBeGreaterThan(0.6); // the dilated map covers mostly object pixels
      expect(coldMatching / cold, cls.name).toBeLessThan(0.01); // no object pixels outside the map
    }
  });

  it("samples every class and texture over many draws", () => {
    const rng = createRng(9);
    const labels = new Set<number>();
    const textures = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const spec = sampleSceneSpec(rng);
      labels.add(spec.label);
      textures.add(spec.texture);
    }
    expect(labels.size).toBe(10);
    expect(textures.size).toBe(TEXTURES.length);
  });

  it("rejects an unknown label", () => {
    expect(() => renderScene(createRng(1), { label: 10, texture: "noise" })).toThrow(/Unknown synthetic label 10: allowed 0\.\.9/);
  });
});
