import { JpegDecodeError } from "./errors";
import { BitReader, nextMarker, type HuffmanTable } from "./huffman";
import { NATURAL_ORDER, type Frame, type Scan } from "./markers";

type Tables = { dc: (HuffmanTable | undefined)[]; ac: (HuffmanTable | undefined)[] };

type BlockDecoder = (r: BitReader, coefs: Int16Array, off: number, ci: number) => void;

/**
 * Decodes one scan's entropy-coded data into the frame's coefficient buffers (jdhuff.c / jdphuff.c semantics)
 * and returns the offset of the marker that follows it.
 */
export function decodeScan(
  data: Uint8Array,
  start: number,
  frame: Frame,
  scan: Scan,
  tables: Tables,
  restartInterval: number,
  scanNumber: number,
): number {
  const reader = new BitReader(data, start, scanNumber);
  const n = scan.components.length;
  const dcT: HuffmanTable[] = [];
  const acT: HuffmanTable[] = [];
  const needDc = !frame.progressive || (scan.ss === 0 && scan.ah === 0);
  const needAc = !frame.progressive || scan.ss > 0;
  for (const c of scan.components) {
    const dc = tables.dc[c.td];
    const ac = tables.ac[c.ta];
    if (needDc && !dc) throw new JpegDecodeError(`corrupt data: scan ${scanNumber} uses DC Huffman table ${c.td}, which was never defined`);
    if (needAc && !ac) throw new JpegDecodeError(`corrupt data: scan ${scanNumber} uses AC Huffman table ${c.ta}, which was never defined`);
    dcT.push(dc as HuffmanTable);
    acT.push(ac as HuffmanTable);
  }
  const pred = new Int32Array(n);
  const state = { eobrun: 0 };
  const decodeBlock = pickDecoder(frame.progressive, scan, dcT, acT, pred, state, scanNumber);

  const single = n === 1;
  const c0 = scan.components[0].comp;
  const mcusX = single ? Math.ceil(c0.width / 8) : frame.mcusPerLine;
  const mcusY = single ? Math.ceil(c0.height / 8) : frame.mcusPerColumn;
  const total = mcusX * mcusY;
  let rst = 0;
  for (let m = 0; m < total; m++) {
    if (restartInterval > 0 && m > 0 && m % restartInterval === 0) {
      reader.restart(0xd0 + (rst & 7));
      rst++;
      pred.fill(0);
      state.eobrun = 0;
    }
    const mx = m % mcusX;
    const my = (m - mx) / mcusX;
    if (single) {
      decodeBlock(reader, c0.coefs, (my * c0.blocksPerLine + mx) * 64, 0);
      continue;
    }
    for (let ci = 0; ci < n; ci++) {
      const c = scan.components[ci].comp;
      for (let v = 0; v < c.v; v++) {
        const row = (my * c.v + v) * c.blocksPerLine + mx * c.h;
        for (let h = 0; h < c.h; h++) decodeBlock(reader, c.coefs, (row + h) * 64, ci);
      }
    }
  }
  return nextMarker(data, reader.pos).at;
}

function pickDecoder(
  progressive: boolean,
  scan: Scan,
  dcT: HuffmanTable[],
  acT: HuffmanTable[],
  pred: Int32Array,
  state: { eobrun: number },
  scanNumber: number,
): BlockDecoder {
  const { ss, se, ah, al } = scan;
  const tooLong = () => new JpegDecodeError(`corrupt data: coefficient run past the end of a block in scan ${scanNumber}`);
  if (!progressive) {
    return (r, coefs, off, ci) => {
      const s = r.decode(dcT[ci]);
      pred[ci] += r.receiveExtend(s);
      coefs[off] = pred[ci];
      const ac = acT[ci];
      for (let k = 1; k < 64; k++) {
        const rs = r.decode(ac);
        const size = rs & 15;
        const run = rs >> 4;
        if (size === 0) {
          if (run !== 15) break;
          k += 15;
          if (k > 63) throw tooLong();
          continue;
        }
        k += run;
        if (k > 63) throw tooLong();
        coefs[off + NATURAL_ORDER[k]] = r.receiveExtend(size);
      }
    };
  }
  if (ss === 0) {
    if (ah === 0) {
      return (r, coefs, off, ci) => {
        pred[ci] += r.receiveExtend(r.decode(dcT[ci]));
        coefs[off] = pred[ci] * (1 << al);
      };
    }
    return (r, coefs, off) => {
      if (r.bit()) coefs[off] |= 1 << al;
    };
  }
  const ac = acT[0];
  if (ah === 0) {
    return (r, coefs, off) => {
      if (state.eobrun > 0) {
        state.eobrun--;
        return;
      }
      for (let k = ss; k <= se; k++) {
        const rs = r.decode(ac);
        const size = rs & 15;
        const run = rs >> 4;
        if (size === 0) {
          if (run === 15) {
            k += 15;
            continue;
          }
          state.eobrun = (1 << run) + r.bits(run) - 1;
          break;
        }
        k += run;
        if (k > 63) throw tooLong();
        coefs[off + NATURAL_ORDER[k]] = r.receiveExtend(size) * (1 << al);
      }
    };
  }
  const p1 = 1 << al;
  const m1 = -1 << al;
  const refine = (r: BitReader, coefs: Int16Array, pos: number) => {
    if (r.bit() && (coefs[pos] & p1) === 0) coefs[pos] += coefs[pos] >= 0 ? p1 : m1;
  };
  return (r, coefs, off) => {
    let k = ss;
    if (state.eobrun === 0) {
      for (; k <= se; k++) {
        const rs = r.decode(ac);
        let size = rs & 15;
        let run = rs >> 4;
        if (size !== 0) {
          if (size !== 1) throw new JpegDecodeError(`corrupt data: bad refinement coefficient size ${size} in scan ${scanNumber}`);
          size = r.bit() ? p1 : m1;
        } else if (run !== 15) {
          state.eobrun = (1 << run) + r.bits(run);
          break;
        }
        do {
          const pos = off + NATURAL_ORDER[k];
          if (coefs[pos] !== 0) refine(r, coefs, pos);
          else if (--run < 0) break;
          k++;
        } while (k <= se);
        if (size !== 0) {
          if (k > se) throw tooLong();
          coefs[off + NATURAL_ORDER[k]] = size;
        }
      }
    }
    if (state.eobrun > 0) {
      for (; k <= se; k++) {
        const pos = off + NATURAL_ORDER[k];
        if (coefs[pos] !== 0) refine(r, coefs, pos);
      }
      state.eobrun--;
    }
  };
}
