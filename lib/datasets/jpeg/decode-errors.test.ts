import { describe, expect, it } from "vitest";
import { decodeJpeg, JpegDecodeError } from "./index";
import { mulberry32 } from "./synthetic-image";
import { readFixture } from "./test-helpers";

/** Offset of the first occurrence of marker 0xFF<code>. */
function findMarker(bytes: Uint8Array, code: number, from = 0): number {
  for (let i = from; i + 1 < bytes.length; i++) if (bytes[i] === 0xff && bytes[i + 1] === code) return i;
  throw new Error(`marker ${code.toString(16)} not found`);
}

function expectError(bytes: Uint8Array, message: RegExp, options?: { channels?: 1 | 3 }): void {
  let caught: unknown;
  try {
    decodeJpeg(bytes, options);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(JpegDecodeError);
  expect((caught as Error).message).toMatch(message);
}

const baseline = readFixture("photo-256-q95-420.jpg");

describe("decodeJpeg rejects bad input with a JpegDecodeError that says why", () => {
  it("truncated in the middle of the scan", () => {
    expectError(baseline.slice(0, Math.floor(baseline.length * 0.6)), /^truncated data in scan 1 \(hit end of data/);
  });

  it("truncated mid-scan with EOI appended (libjpeg would pad with zeros)", () => {
    const cut = baseline.slice(0, Math.floor(baseline.length * 0.6));
    const withEoi = new Uint8Array([...cut, 0xff, 0xd9]);
    expectError(withEoi, /^truncated data in scan 1 \(hit marker 0xFFD9/);
  });

  it("missing EOI after the last scan", () => {
    expectError(baseline.slice(0, baseline.length - 2), /no EOI marker after scan 1/);
  });

  it("truncated inside the headers", () => {
    expectError(baseline.slice(0, 30), /truncated/);
  });

  it("a restart marker with the wrong index", () => {
    const bytes = readFixture("odd-q95-420-restart.jpg").slice();
    const rst0 = findMarker(bytes, 0xd0, findMarker(bytes, 0xda));
    bytes[rst0 + 1] = 0xd1;
    expectError(bytes, /expected RST0 in scan 1, found marker 0xFFD1/);
  });

  it("a flipped SOI marker", () => {
    const bytes = baseline.slice();
    bytes[1] = 0xd9;
    expectError(bytes, /not a JPEG: missing SOI/);
  });

  it("SOS flipped into an unknown marker", () => {
    const bytes = baseline.slice();
    bytes[findMarker(bytes, 0xda) + 1] = 0xf3;
    expectError(bytes, /unsupported marker 0xFFF3/);
  });

  it("lossless, hierarchical, arithmetic and 12-bit JPEGs", () => {
    const withSof = (code: number) => {
      const bytes = baseline.slice();
      bytes[findMarker(bytes, 0xc0) + 1] = code;
      return bytes;
    };
    expectError(withSof(0xc3), /^lossless JPEG not supported/);
    expectError(withSof(0xc5), /^unsupported: hierarchical/);
    expectError(readFixture("reject-arithmetic.jpg"), /^unsupported: arithmetic coding/);
    const twelve = baseline.slice();
    twelve[findMarker(twelve, 0xc0) + 4] = 12;
    expectError(twelve, /^unsupported: 12-bit precision/);
  });

  it("a progressive file whose refinement scans are missing", () => {
    const bytes = readFixture("photo-256-q75-420-progressive.jpg");
    const afterFirstScan = findMarker(bytes, 0xc4, findMarker(bytes, 0xda));
    const firstScanOnly = new Uint8Array([...bytes.slice(0, afterFirstScan), 0xff, 0xd9]);
    expectError(firstScanOnly, /^unsupported: incomplete progressive JPEG/);
  });

  it("dimensions beyond libjpeg's limit", () => {
    const bytes = baseline.slice();
    const sof = findMarker(bytes, 0xc0);
    bytes[sof + 7] = 0xff;
    bytes[sof + 8] = 0xff;
    expectError(bytes, /65500/);
  });

  it("an unsupported channels option", () => {
    expectError(baseline, /unsupported channels 2/, { channels: 2 as 1 });
  });

  it("random corruption of entropy data never escapes as another error type or hangs", () => {
    const rand = mulberry32(42);
    const fixtures = ["odd-q95-420.jpg", "odd-q95-420-progressive.jpg", "odd-q95-420-restart.jpg", "photo-256-q75-grey.jpg"];
    for (let trial = 0; trial < 200; trial++) {
      const bytes = readFixture(fixtures[trial % fixtures.length]).slice();
      const start = findMarker(bytes, 0xda);
      for (let k = 0; k < 3; k++) bytes[start + Math.floor(rand() * (bytes.length - start))] = Math.floor(rand() * 256);
      try {
        decodeJpeg(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(JpegDecodeError);
      }
    }
  });
});
