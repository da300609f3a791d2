import { describe, expect, it } from "vitest";
import { decodeJpeg } from "@/lib/datasets/jpeg";
import { encodeGreyJpeg, quantTable } from "./grey-jpeg";

function psnr(a: Uint8Array, b: Uint8Array): number {
  let se = 0;
  for (let i = 0; i < a.length; i++) se += (a[i] - b[i]) ** 2;
  return 10 * Math.log10((255 * 255) / (se / a.length));
}

describe("encodeGreyJpeg", () => {
  it("writes a one-component baseline JPEG that decodes close to the source", () => {
    const [w, h] = [256, 256];
    const src = Uint8Array.from({ length: w * h }, (_, i) =>
      Math.round(127.5 + 127.5 * Math.sin((i % w) / 13) * Math.cos(Math.floor(i / w) / 17)),
    );
    const jpeg = encodeGreyJpeg(src, w, h, 90);
    const sof = jpeg.findIndex((b, i) => b === 0xff && jpeg[i + 1] === 0xc0);
    expect(jpeg[sof + 9]).toBe(1); // Nf: number of components
    const decoded = decodeJpeg(jpeg);
    expect([decoded.width, decoded.height, decoded.channels]).toEqual([w, h, 1]);
    expect(psnr(decoded.data, src)).toBeGreaterThan(45);
  });

  it("handles sizes that are not multiples of 8, extreme values and byte stuffing", () => {
    const [w, h] = [37, 21];
    const src = Uint8Array.from({ length: w * h }, (_, i) => ((i * 97) % 3 === 0 ? 255 : 0));
    const decoded = decodeJpeg(encodeGreyJpeg(src, w, h, 100));
    expect([decoded.width, decoded.height]).toEqual([w, h]);
    expect(psnr(decoded.data, src)).toBeGreaterThan(25);
    const flat = decodeJpeg(encodeGreyJpeg(new Uint8Array(64 * 64).fill(200), 64, 64, 90));
    expect(flat.data.every((v) => v === 200)).toBe(true);
  });

  it("scales the quantisation table like IJG", () => {
    expect(Array.from(quantTable(50).subarray(0, 3))).toEqual([16, 11, 10]);
    // quality 90: scale 20, floor((16·20 + 50)/100) = 3, floor((11·20 + 50)/100) = 2
    expect(Array.from(quantTable(90).subarray(0, 2))).toEqual([3, 2]);
    expect(quantTable(100).every((v) => v === 1)).toBe(true);
  });

  it("rejects a size mismatch", () => {
    expect(() => encodeGreyJpeg(new Uint8Array(10), 4, 4)).toThrow(/10 pixels, expected 4x4 = 16/);
  });
});
