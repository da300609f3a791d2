import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readPnm, writePnm, type PnmImage } from "./pnm";

/** The libjpeg-turbo command-line tools used to make fixtures and, where installed, to check against live. */
export const CJPEG = "/usr/bin/cjpeg";
export const DJPEG = "/usr/bin/djpeg";

export function libjpegToolsAvailable(): boolean {
  return existsSync(CJPEG) && existsSync(DJPEG);
}

export function cjpeg(img: PnmImage, args: string[]): Uint8Array {
  return new Uint8Array(execFileSync(CJPEG, args, { input: writePnm(img), maxBuffer: 1 << 28 }));
}

/** The reference decode: `djpeg -dct fast -pnm` (plus e.g. `-grayscale`). */
export function djpegFast(jpeg: Uint8Array, extraArgs: string[] = []): PnmImage {
  return readPnm(new Uint8Array(execFileSync(DJPEG, ["-dct", "fast", "-pnm", ...extraArgs], { input: jpeg, maxBuffer: 1 << 28 })));
}
