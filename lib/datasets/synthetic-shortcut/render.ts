/** The shortcut variant of the synthetic set: the object's shape is the class; a background texture is a cue. */
export const SHORTCUT_CLASSES = ["circle", "square", "triangle", "cross"] as const;
export const SHORTCUT_SIZE = 256;
export type ShortcutSplit = "train" | "test";
/** Share of training scenes whose texture agrees with the class; on the test split the texture is uniform. */
export const TRAIN_AGREEMENT = 0.95;

export type ShortcutSpec = { shape: number; texture: number };
export type ShortcutScene = ShortcutSpec & { label: number; image: Uint8Array; map: Uint8Array };
export type Rng = () => number;

function inside(shape: number, u: number, v: number): boolean {
  switch (shape) {
    case 0:
      return u * u + v * v <= 1;
    case 1:
      return Math.abs(u) <= 0.82 && Math.abs(v) <= 0.82;
    case 2:
      return v <= 0.75 && v >= -1 && Math.abs(u) <= ((v + 1) / 1.75) * 1.05;
    case 3:
      return (Math.abs(u) <= 0.3 && Math.abs(v) <= 1) || (Math.abs(v) <= 0.3 && Math.abs(u) <= 1);
    default:
      throw new RangeError(`shape must be 0..${SHORTCUT_CLASSES.length - 1}, got ${shape}`);
  }
}

/** Stripes are dark (channels ≤ DARK_MAX), the object bright (channels ≥ BRIGHT_MIN): the object is easy to find. */
const DARK_MAX = 130;
const BRIGHT_MIN = 200;
const luminance = (c: number[]) => 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
/** A random colour with every channel in lo..hi. */
function colourIn(rng: Rng, lo: number, hi: number): number[] {
  return [0, 1, 2].map(() => lo + Math.floor(rng() * (hi - lo + 1)));
}
/** A dark colour whose luminance differs from `ref` by at least `gap` (rejection sampling). */
function contrastingDark(rng: Rng, ref: number, gap: number): number[] {
  for (;;) {
    const c = colourIn(rng, 0, DARK_MAX);
    if (Math.abs(luminance(c) - ref) >= gap) return c;
  }
}

/**
 * Pure: the same rng state and spec give the same pixels. Oriented stripes (angle = texture·180°/K, period
 * size/7, two random dark colours) behind a flat, bright shape; the map is the shape's mask (255 inside).
 */
export function renderShortcutScene(rng: Rng, spec: ShortcutSpec, size = SHORTCUT_SIZE): ShortcutScene {
  const k = SHORTCUT_CLASSES.length;
  if (!Number.isInteger(spec.texture) || spec.texture < 0 || spec.texture >= k)
    throw new RangeError(`texture must be 0..${k - 1}, got ${spec.texture}`);
  inside(spec.shape, 0, 0);
  const angle = (spec.texture * Math.PI) / k;
  const [ca, sa] = [Math.cos(angle), Math.sin(angle)];
  const period = size / 7;
  const phase = rng() * 2 * Math.PI;
  const c1 = colourIn(rng, 0, DARK_MAX);
  const c2 = contrastingDark(rng, luminance(c1), 40);
  const fill = colourIn(rng, BRIGHT_MIN, 255);
  const r = size * (0.22 + 0.06 * rng());
  const cx = size * (0.3 + 0.4 * rng());
  const cy = size * (0.3 + 0.4 * rng());
  const image = new Uint8Array(size * size * 3);
  const map = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const p = y * size + x;
      const obj = inside(spec.shape, (x + 0.5 - cx) / r, (y + 0.5 - cy) / r);
      const t = 0.5 + 0.5 * Math.sin((2 * Math.PI * (x * ca + y * sa)) / period + phase);
      const noise = (rng() - 0.5) * 20;
      for (let c = 0; c < 3; c++) {
        const v = obj ? fill[c] : c1[c] * t + c2[c] * (1 - t);
        image[p * 3 + c] = Math.max(0, Math.min(255, Math.round(v + noise)));
      }
      map[p] = obj ? 255 : 0;
    }
  }
  return { ...spec, label: spec.shape, image, map };
}

/** Class uniform; texture = class with probability TRAIN_AGREEMENT on train (else another one), uniform on test. */
export function drawShortcutSpec(rng: Rng, split: ShortcutSplit): ShortcutSpec {
  const k = SHORTCUT_CLASSES.length;
  const shape = Math.floor(rng() * k);
  if (split === "test") return { shape, texture: Math.floor(rng() * k) };
  if (split !== "train") throw new RangeError(`split must be train or test, got ${String(split)}`);
  if (rng() < TRAIN_AGREEMENT) return { shape, texture: shape };
  return { shape, texture: (shape + 1 + Math.floor(rng() * (k - 1))) % k };
}
