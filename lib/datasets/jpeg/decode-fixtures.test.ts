import { describe, expect, it } from "vitest";
import { FIXTURES } from "./fixtures/specs";
import { decodeJpeg } from "./index";
import { maxAbsDiff, readFixture, readFixturePnm, replicateGrey } from "./test-helpers";

describe("decodeJpeg matches committed `djpeg -dct fast` output exactly", () => {
  for (const spec of FIXTURES) {
    const grey = spec.inputChannels === 1 || spec.cjpegArgs.includes("-grayscale");
    const expectedFile = `${spec.name}.${grey ? "pgm" : "ppm"}`;

    it(`${spec.name} (${spec.kind}, ${spec.width}x${spec.height}, cjpeg ${spec.cjpegArgs.join(" ")})`, () => {
      const expected = readFixturePnm(expectedFile);
      const out = decodeJpeg(readFixture(`${spec.name}.jpg`));
      expect(out.channels).toBe(expected.channels);
      expect([out.width, out.height]).toEqual([spec.width, spec.height]);
      expect(maxAbsDiff(out, expected)).toBe(0);
    });

    if (spec.grayscaleReference) {
      it(`${spec.name} with channels: 1 equals djpeg -grayscale`, () => {
        const out = decodeJpeg(readFixture(`${spec.name}.jpg`), { channels: 1 });
        expect(out.channels).toBe(1);
        expect(maxAbsDiff(out, readFixturePnm(`${spec.name}.gray.pgm`))).toBe(0);
      });
    }

    if (grey) {
      it(`${spec.name} with channels: 3 replicates the grey`, () => {
        const out = decodeJpeg(readFixture(`${spec.name}.jpg`), { channels: 3 });
        expect(out.channels).toBe(3);
        expect(maxAbsDiff(out, replicateGrey(readFixturePnm(expectedFile)))).toBe(0);
      });
    }
  }

  it("covers every class the decoder claims to support", () => {
    const kinds = new Set(FIXTURES.map((f) => f.kind));
    for (const k of ["4:2:0", "4:4:4", "4:2:2", "4:4:0", "greyscale", "progressive", "restart", "adobe-rgb"]) expect(kinds).toContain(k);
  });
});
