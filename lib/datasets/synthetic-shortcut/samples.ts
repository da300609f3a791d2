import type { Sample } from "@/lib/datasets/sample";
import { mulberry32 } from "@/lib/metrics/prng";
import { drawShortcutSpec, renderShortcutScene, type ShortcutSplit } from "./render";

const SPLIT_SALT: Record<ShortcutSplit, number> = { train: 0x5eed0001, test: 0x5eed0002 };

/** Scene `index` of a split: its own rng stream from (seed, split, index), so any subset renders identically. */
export function shortcutSample(seed: number, split: ShortcutSplit, index: number): Sample & { texture: number } {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`index must be an integer ≥ 0, got ${index}`);
  const salt = SPLIT_SALT[split];
  if (salt === undefined) throw new RangeError(`split must be train or test, got ${String(split)}`);
  const rng = mulberry32((Math.imul(seed >>> 0, 0x9e3779b1) ^ salt ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const scene = renderShortcutScene(rng, drawShortcutSpec(rng, split));
  return {
    index,
    shard: `shortcut-${split}`,
    recordInShard: index,
    label: scene.label,
    texture: scene.texture,
    image: scene.image,
    heatmap: scene.map,
  };
}

export async function* shortcutSamples(seed: number, split: ShortcutSplit, n: number): AsyncGenerator<Sample> {
  for (let i = 0; i < n; i++) yield shortcutSample(seed, split, i);
}
