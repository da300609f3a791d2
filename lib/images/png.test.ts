import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodePng, mapToGrey } from "./png";

/** Reads back what a PNG decoder would: signature, IHDR fields, chunk CRCs and the unfiltered rows. */
function readPng(png: Buffer) {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: { type: string; body: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString("ascii", at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(zlib.crc32(png.subarray(at + 4, at + 8 + length)));
    chunks.push({ type, body });
    at += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
  const ihdr = chunks[0].body;
  return {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    depth: ihdr[8],
    colourType: ihdr[9],
    raw: zlib.inflateSync(chunks[1].body),
  };
}

describe("encodePng", () => {
  it("writes valid chunks and filter-0 rows of RGB pixels", () => {
    const rgb = Uint8Array.from({ length: 3 * 2 * 3 }, (_, i) => i * 10);
    const { width, height, depth, colourType, raw } = readPng(encodePng(rgb, 3, 2, 3));
    expect({ width, height, depth, colourType }).toEqual({ width: 3, height: 2, depth: 8, colourType: 2 });
    expect([...raw]).toEqual([0, ...rgb.subarray(0, 9), 0, ...rgb.subarray(9)]);
  });

  it("writes greyscale and refuses a size mismatch", () => {
    expect(readPng(encodePng(new Uint8Array(4), 2, 2, 1)).colourType).toBe(0);
    expect(() => encodePng(new Uint8Array(5), 2, 2, 1)).toThrow(/5 bytes for 2×2×1/);
  });
});

describe("mapToGrey", () => {
  it("averages 2×2 blocks and scales by the map's maximum", () => {
    const map = Float32Array.from([0, 2, 4, 4, 2, 0, 4, 4, 1, 1, 0, 0, 1, 1, 0, 0]);
    expect([...mapToGrey(map, 4).data]).toEqual([Math.round((255 * 1) / 4), 255, Math.round((255 * 1) / 4), 0]);
  });

  it("turns a constant zero map black", () => {
    expect([...mapToGrey(new Float32Array(16), 4).data]).toEqual([0, 0, 0, 0]);
  });
});
