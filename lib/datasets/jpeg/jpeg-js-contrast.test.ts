import jpeg from "jpeg-js";
import { expect, it } from "vitest";
import { decodeJpeg } from "./index";
import { maxAbsDiff, readFixture, readFixturePnm } from "./test-helpers";

// Proves the exactness tests can tell decoders apart: jpeg-js (float IDCT, its own upsampling) is not libjpeg-turbo IFAST.
it("jpeg-js differs from djpeg -dct fast on the q95 4:2:0 fixture while decodeJpeg does not", () => {
  const bytes = readFixture("photo-256-q95-420.jpg");
  const expected = readFixturePnm("photo-256-q95-420.ppm");
  const rgba = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false });
  const other = { width: rgba.width, height: rgba.height, data: new Uint8Array(rgba.data) };
  const diff = maxAbsDiff(other, expected);
  console.log(`jpeg-js vs djpeg -dct fast, q95 4:2:0 256x256: max abs diff ${diff}`);
  expect(diff).toBeGreaterThan(0);
  expect(maxAbsDiff(decodeJpeg(bytes), expected)).toBe(0);
});
