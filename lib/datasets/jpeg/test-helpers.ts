import { readFileSync } from "node:fs";
import path from "node:path";
import { readPnm, type PnmImage } from "./pnm";

export const FIXTURE_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), "fixtures");

export function readFixture(file: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURE_DIR, file)));
}

export function readFixturePnm(file: string): PnmImage {
  return readPnm(readFixture(file));
}

/** Largest absolute per-sample difference; Infinity when the shapes differ. */
export function maxAbsDiff(
  a: { width: number; height: number; data: Uint8Array },
  b: { width: number; height: number; data: Uint8Array },
): number {
  if (a.width !== b.width || a.height !== b.height || a.data.length !== b.data.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.data.length; i++) max = Math.max(max, Math.abs(a.data[i] - b.data[i]));
  return max;
}

export function replicateGrey(img: PnmImage): PnmImage {
  const data = new Uint8Array(img.data.length * 3);
  for (let i = 0; i < img.data.length; i++) data.fill(img.data[i], 3 * i, 3 * i + 3);
  return { ...img, channels: 3, data };
}
