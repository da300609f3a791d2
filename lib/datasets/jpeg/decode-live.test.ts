import { describe, expect, it } from "vitest";
import { overwriteQuantTables } from "./fixtures/overwrite-quant-tables";
import { decodeJpeg } from "./index";
import { cjpeg, djpegFast, libjpegToolsAvailable } from "./libjpeg-tools";
import { makeSyntheticImage, mulberry32 } from "./synthetic-image";
import { maxAbsDiff } from "./test-helpers";

const SAMPLINGS = ["1x1", "2x1", "1x2", "2x2", "4x1"];

/** Seeded random cjpeg settings; each case is reproducible from its index. */
function randomCase(i: number) {
  const rand = mulberry32(1000 + i);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const width = 1 + Math.floor(rand() * 90);
  const height = 1 + Math.floor(rand() * 90);
  const grey = rand() < 0.2;
  const args = ["-quality", String(30 + Math.floor(rand() * 71))];
  if (!grey) args.push("-sample", pick(SAMPLINGS));
  if (rand() < 0.4) args.push("-progressive");
  if (rand() < 0.3) args.push("-restart", `${1 + Math.floor(rand() * 4)}B`);
  return { width, height, grey, args, seed: 7 * i + 3 };
}

describe.skipIf(!libjpegToolsAvailable())("decodeJpeg against live djpeg -dct fast", () => {
  for (let i = 0; i < 24; i++) {
    const c = randomCase(i);
    it(`case ${i}: ${c.width}x${c.height} ${c.grey ? "grey " : ""}cjpeg ${c.args.join(" ")}`, () => {
      const jpeg = cjpeg(makeSyntheticImage(c.width, c.height, c.grey ? 1 : 3, c.seed), c.args);
      expect(maxAbsDiff(decodeJpeg(jpeg), djpegFast(jpeg))).toBe(0);
      if (!c.grey) expect(maxAbsDiff(decodeJpeg(jpeg, { channels: 1 }), djpegFast(jpeg, ["-grayscale"]))).toBe(0);
    });
  }

  it("overflowing dequantized coefficients decode as djpeg's SSE2 IFAST kernel does", () => {
    for (const q of [5, 40, 255]) {
      const jpeg = cjpeg(makeSyntheticImage(40, 24, 3, q), ["-quality", "100", "-sample", "2x2"]);
      overwriteQuantTables(jpeg, q);
      expect(maxAbsDiff(decodeJpeg(jpeg), djpegFast(jpeg))).toBe(0);
    }
  });
});
