import type { PnmImage } from "./pnm";
import { mulberry32 } from "@/lib/metrics/prng";

export { mulberry32 };

/**
 * A photo-like test image: smooth colour gradients and waves, a hard-edged disc and bar (edges stress the
 * IDCT and chroma upsampling), plus per-pixel noise (exercises many AC coefficients at high quality).
 */
export function makeSyntheticImage(width: number, height: number, channels: 1 | 3, seed: number): PnmImage {
  const rand = mulberry32(seed);
  const phase = [rand() * 6.28, rand() * 6.28, rand() * 6.28];
  const cx = width * (0.3 + 0.4 * rand());
  const cy = height * (0.3 + 0.4 * rand());
  const radius = Math.min(width, height) * (0.15 + 0.2 * rand());
  const disc = [rand() * 255, rand() * 255, rand() * 255];
  const noise = 6 + rand() * 20;
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inDisc = (x - cx) ** 2 + (y - cy) ** 2 < radius ** 2;
      const inBar = Math.abs(x - y * 0.7 - width * 0.2) < 3;
      for (let c = 0; c < channels; c++) {
        let v = 128 + 70 * Math.sin(x / (9 + 5 * c) + phase[c]) * Math.cos(y / (13 + 3 * c) - phase[c]) + (x + y * (c - 1)) * 0.3;
        if (inDisc) v = disc[c];
        if (inBar) v = c === 1 ? 250 : 10;
        v += (rand() - 0.5) * noise;
        data[(y * width + x) * channels + c] = Math.max(0, Math.min(255, Math.round(v)));
      }
    }
  }
  return { width, height, channels, data };
}
