import { decodeScan } from "./decode-scan";
import { JpegDecodeError } from "./errors";
import { parseHuffmanTables, type HuffmanTable } from "./huffman";
import { checkSofMarker, parseFrame, parseQuantTables, parseScanHeader, type Frame } from "./markers";

export type ColorSpace = "grayscale" | "ycbcr" | "rgb";

/** Everything the output stage needs: the frame with all coefficients, quant tables latched per component. */
export type DecodedCoefficients = { frame: Frame; quant: Uint16Array[]; colorSpace: ColorSpace };

const ascii = (b: Uint8Array, s: string) => [...s].every((ch, i) => b[i] === ch.charCodeAt(0));

/** Walks the marker stream (jdmarker.c) and entropy-decodes every scan (jdhuff.c, jdphuff.c). */
export function readJpeg(bytes: Uint8Array): DecodedCoefficients {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new JpegDecodeError("not a JPEG: missing SOI marker");
  const quantTables: (Uint16Array | undefined)[] = [];
  const tables = { dc: [] as (HuffmanTable | undefined)[], ac: [] as (HuffmanTable | undefined)[] };
  let frame: Frame | undefined;
  let latched: (Uint16Array | undefined)[] = [];
  let coefBits: Int8Array[] = [];
  let restartInterval = 0;
  let jfif = false;
  let adobeTransform = -1;
  let scanNumber = 0;
  let pos = 2;
  for (;;) {
    if (pos >= bytes.length)
      throw new JpegDecodeError(
        scanNumber > 0 ? `truncated: no EOI marker after scan ${scanNumber}` : "truncated: end of data before the first scan",
      );
    if (bytes[pos] !== 0xff)
      throw new JpegDecodeError(`corrupt data: expected a marker at offset ${pos}, found 0x${bytes[pos].toString(16)}`);
    while (pos < bytes.length && bytes[pos] === 0xff) pos++;
    if (pos >= bytes.length) continue;
    const marker = bytes[pos++];
    const name = `0xFF${marker.toString(16).toUpperCase()}`;
    if (marker === 0xd9) break;
    if (marker === 0x01) continue;
    if (marker >= 0xd0 && marker <= 0xd8) throw new JpegDecodeError(`corrupt data: unexpected marker ${name} outside a scan`);
    if (pos + 2 > bytes.length) throw new JpegDecodeError(`truncated data in marker ${name} segment`);
    const len = (bytes[pos] << 8) | bytes[pos + 1];
    if (len < 2 || pos + len > bytes.length) throw new JpegDecodeError(`truncated data in marker ${name} segment (length ${len})`);
    const seg = bytes.subarray(pos + 2, pos + len);
    pos += len;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      checkSofMarker(marker);
      if (frame) throw new JpegDecodeError("corrupt data: more than one SOF marker");
      frame = parseFrame(seg, marker === 0xc2);
      latched = frame.components.map(() => undefined);
      coefBits = frame.components.map(() => new Int8Array(64).fill(-1));
    } else if (marker === 0xc4) parseHuffmanTables(seg, tables.dc, tables.ac);
    else if (marker === 0xdb) parseQuantTables(seg, quantTables);
    else if (marker === 0xdd) {
      if (seg.length < 2) throw new JpegDecodeError("corrupt DRI segment");
      restartInterval = (seg[0] << 8) | seg[1];
    } else if (marker === 0xda) {
      if (!frame) throw new JpegDecodeError("corrupt data: SOS marker before SOF");
      const scan = parseScanHeader(seg, frame);
      scanNumber++;
      for (const c of scan.components) {
        if (!latched[c.index]) {
          const q = quantTables[c.comp.tq];
          if (!q) throw new JpegDecodeError(`corrupt data: quantization table ${c.comp.tq} was never defined`);
          latched[c.index] = q.slice();
        }
        if (frame.progressive) checkProgression(coefBits[c.index], scan.ss, scan.se, scan.ah, scan.al, scanNumber);
      }
      pos = decodeScan(bytes, pos, frame, scan, tables, restartInterval, scanNumber);
    } else if (marker === 0xe0 && seg.length >= 14 && ascii(seg, "JFIF\0")) jfif = true;
    else if (marker === 0xee && seg.length >= 12 && ascii(seg, "Adobe")) adobeTransform = seg[11];
    else if (marker === 0xdc) throw new JpegDecodeError("unsupported: DNL marker");
    else if (!(marker >= 0xe0 && marker <= 0xef) && marker !== 0xfe && marker !== 0xcc) {
      throw new JpegDecodeError(`unsupported marker ${name}`);
    }
  }
  if (!frame) throw new JpegDecodeError("corrupt data: no SOF marker before EOI");
  if (scanNumber === 0) throw new JpegDecodeError("corrupt data: no scan before EOI");
  const missing = latched.findIndex((q) => !q);
  if (missing >= 0) throw new JpegDecodeError(`corrupt data: component ${frame.components[missing].id} never appears in a scan`);
  if (frame.progressive) checkComplete(coefBits);
  return { frame, quant: latched as Uint16Array[], colorSpace: colorSpaceOf(frame, jfif, adobeTransform) };
}

/** jdapimin.c default_decompress_parms: JFIF wins, then the Adobe transform flag, then component ids. */
function colorSpaceOf(frame: Frame, jfif: boolean, adobeTransform: number): ColorSpace {
  if (frame.components.length === 1) return "grayscale";
  if (jfif) return "ycbcr";
  if (adobeTransform >= 0) return adobeTransform === 0 ? "rgb" : "ycbcr";
  const ids = frame.components.map((c) => c.id).join(",");
  return ids === "82,71,66" ? "rgb" : "ycbcr";
}

/** The progression checks libjpeg only warns about (JWRN_BOGUS_PROGRESSION); here they are errors. */
function checkProgression(bits: Int8Array, ss: number, se: number, ah: number, al: number, scanNumber: number): void {
  if (ss > 0 && bits[0] < 0) throw new JpegDecodeError(`corrupt progression: AC scan ${scanNumber} before any DC scan`);
  for (let k = ss; k <= se; k++) {
    const expected = bits[k] < 0 ? 0 : bits[k];
    if (ah !== expected)
      throw new JpegDecodeError(`corrupt progression in scan ${scanNumber}: coefficient ${k} refined from bit ${ah}, expected ${expected}`);
    bits[k] = al;
  }
}

/**
 * With coefficients still imprecise at EOI, libjpeg-turbo applies block smoothing (jdcoefct.c smoothing_ok,
 * first 10 coefficients), which this decoder does not replicate; refuse instead of returning different pixels.
 */
function checkComplete(coefBits: Int8Array[]): void {
  if (coefBits.some((b) => b[0] < 0)) throw new JpegDecodeError("unsupported: progressive JPEG without DC data for every component");
  if (coefBits.some((b) => b.subarray(0, 10).some((x) => x !== 0))) {
    throw new JpegDecodeError(
      "unsupported: incomplete progressive JPEG (low-frequency coefficients never fully refined; libjpeg would apply block smoothing)",
    );
  }
}
