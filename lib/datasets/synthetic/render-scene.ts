/**
 * One synthetic ClickMe scene as a pure function of (rng, spec): a class object (shape × colour) at a random
 * position, scale and rotation on a textured background, and a human map that is the object's mask, dilated
 * by ~6 px and smoothed over ~14 px (like the blob-shaped maps of ClickMe).
 */
import { COLOURS, SYNTHETIC_CLASSES, syntheticClass } from "./classes";
import type { Rng } from "./rng";
import { shapeDistance } from "./shapes";
import { renderTexture, TEXTURES, type TextureKind } from "./textures";

export const SCENE_SIZE = 256;

export type SceneSpec = { label: number; texture: TextureKind };
export type Scene = { image: Uint8Array; heatmap: Uint8Array; label: number };

const MAP_DILATE_PX = 6;
const MAP_SOFT_PX = 14;

/** The default variant: class and texture drawn independently and uniformly. */
export function sampleSceneSpec(rng: Rng): SceneSpec {
  return { label: rng.pick(SYNTHETIC_CLASSES).label, texture: rng.pick(TEXTURES) };
}

export function renderScene(rng: Rng, spec: SceneSpec, size = SCENE_SIZE): Scene {
  const cls = syntheticClass(spec.label);
  const bg = renderTexture(rng, spec.texture, size);
  const radius = rng.range(0.11, 0.25) * size;
  const margin = radius + 0.04 * size;
  const cx = rng.range(margin, size - margin);
  const cy = rng.range(margin, size - margin);
  const angle = rng.range(0, 2 * Math.PI);
  const [ca, sa] = [Math.cos(angle), Math.sin(angle)];
  const colour = COLOURS[cls.colour].map((v) => v + rng.range(-20, 20));
  const light = [rng.range(-1, 1), rng.range(-1, 1)];

  const image = new Uint8Array(size * size * 3);
  const heatmap = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const d = shapeDistance(cls.shape, dx * ca + dy * sa, -dx * sa + dy * ca, radius);
      const cover = Math.min(1, Math.max(0, 0.5 - d)); // one-pixel antialiased edge
      const shade = 1 + (0.25 * (dx * light[0] + dy * light[1])) / radius;
      const o = (y * size + x) * 3;
      for (let k = 0; k < 3; k++) {
        const v = bg[o + k] * (1 - cover) + colour[k] * shade * cover;
        image[o + k] = Math.min(255, Math.max(0, Math.round(v)));
      }
      const t = Math.min(1, Math.max(0, (MAP_DILATE_PX - d) / MAP_SOFT_PX));
      heatmap[y * size + x] = Math.round(255 * t * t * (3 - 2 * t));
    }
  }
  return { image, heatmap, label: cls.label };
}
