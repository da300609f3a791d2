/** Background textures. Kinds are independent of the class in the default variant (see scene-spec.ts). */
import type { Rng } from "./rng";

export const TEXTURES = ["stripes", "checker", "noise", "dots"] as const;
export type TextureKind = (typeof TEXTURES)[number];

type Rgb = [number, number, number];

/** Math.hypot is several times slower in V8 and this runs per pixel. */
const len = (x: number, y: number): number => Math.sqrt(x * x + y * y);

/** Low saturation (channels within ±20 of a grey), so no background reads as a class colour. */
function mutedColour(rng: Rng): Rgb {
  const base = rng.range(70, 190);
  return [base + rng.range(-20, 20), base + rng.range(-20, 20), base + rng.range(-20, 20)];
}

/** Smooth value noise on a lattice of `cell` pixels (bilinear with smoothstep), values in [0, 1). */
function valueNoise(rng: Rng, size: number, cell: number): Float32Array {
  const n = Math.ceil(size / cell) + 2;
  const lattice = Float32Array.from({ length: n * n }, () => rng.next());
  const out = new Float32Array(size * size);
  for (let y = 0; y < size; y++) {
    const gy = y / cell;
    const iy = Math.floor(gy);
    const fy = gy - iy;
    const sy = fy * fy * (3 - 2 * fy);
    for (let x = 0; x < size; x++) {
      const gx = x / cell;
      const ix = Math.floor(gx);
      const fx = gx - ix;
      const sx = fx * fx * (3 - 2 * fx);
      const a = lattice[iy * n + ix] + (lattice[iy * n + ix + 1] - lattice[iy * n + ix]) * sx;
      const b = lattice[(iy + 1) * n + ix] + (lattice[(iy + 1) * n + ix + 1] - lattice[(iy + 1) * n + ix]) * sx;
      out[y * size + x] = a + (b - a) * sy;
    }
  }
  return out;
}

/** Fills an RGB float background (HWC, 0..255) with the given texture kind. */
export function renderTexture(rng: Rng, kind: TextureKind, size: number): Float32Array {
  const c0 = mutedColour(rng);
  const c1 = mutedColour(rng);
  const out = new Float32Array(size * size * 3);
  const angle = rng.range(0, Math.PI);
  const period = rng.range(10, 36);
  const [ca, sa] = [Math.cos(angle), Math.sin(angle)];
  const grain = valueNoise(rng, size, rng.range(6, 24));
  const dotR = period * rng.range(0.2, 0.35);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = x * ca + y * sa;
      const v = -x * sa + y * ca;
      let t: number;
      if (kind === "stripes") t = 0.5 + 0.5 * Math.sin((2 * Math.PI * u) / period);
      else if (kind === "checker") t = (Math.floor(u / period) + Math.floor(v / period)) & 1;
      else if (kind === "noise") t = grain[y * size + x];
      else {
        const du = u - period * (Math.floor(u / period) + 0.5);
        const dv = v - period * (Math.floor(v / period) + 0.5);
        t = Math.min(1, Math.max(0, dotR + 0.5 - len(du, dv)));
      }
      const g = 0.85 + 0.3 * grain[y * size + x]; // shared low-frequency shading on every texture
      const o = (y * size + x) * 3;
      for (let k = 0; k < 3; k++) out[o + k] = (c0[k] + (c1[k] - c0[k]) * t) * g;
    }
  }
  return out;
}
