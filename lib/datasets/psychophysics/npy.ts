/**
 * .npy and .npz reading without executing anything: numeric and string arrays are decoded from their bytes, object
 * arrays through the safe pickle reader (safe-pickle.ts). Enough for data_for_zahra.npz, no more.
 */
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { readPickle, UnsafePickleError, type PickledArray } from "./safe-pickle";

export type NpyArray =
  | { kind: "number"; shape: number[]; descr: string; values: Float64Array }
  | { kind: "string"; shape: number[]; descr: string; values: string[] }
  | { kind: "object"; shape: number[]; descr: string; values: unknown[] };

export class NpyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NpyFormatError";
  }
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const NUMERIC: Record<string, { bytes: number; read: (v: DataView, at: number, le: boolean) => number }> = {
  f8: { bytes: 8, read: (v, at, le) => v.getFloat64(at, le) },
  f4: { bytes: 4, read: (v, at, le) => v.getFloat32(at, le) },
  i8: { bytes: 8, read: (v, at, le) => Number(v.getBigInt64(at, le)) },
  i4: { bytes: 4, read: (v, at, le) => v.getInt32(at, le) },
  i2: { bytes: 2, read: (v, at, le) => v.getInt16(at, le) },
  i1: { bytes: 1, read: (v, at) => v.getInt8(at) },
  u1: { bytes: 1, read: (v, at) => v.getUint8(at) },
  b1: { bytes: 1, read: (v, at) => v.getUint8(at) },
};
const ALLOWED = "numbers (f8, f4, i8, i4, i2, i1, u1, b1), strings (S<n>, U<n>) and objects (O)";

type Header = { descr: string; fortran: boolean; shape: number[]; dataStart: number };

function parseHeader(bytes: Uint8Array, name: string): Header {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    throw new NpyFormatError(`${name} is not a .npy file (no \\x93NUMPY magic)`);
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [len, start] = major === 1 ? [view.getUint16(8, true), 10] : major === 2 || major === 3 ? [view.getUint32(8, true), 12] : [-1, 0];
  if (len < 0) throw new NpyFormatError(`${name}: .npy format version ${major} is not supported (1–3 are)`);
  if (start + len > bytes.length) throw new NpyFormatError(`${name}: header runs past the end of the file`);
  const text = new TextDecoder("latin1").decode(bytes.subarray(start, start + len));
  const descr = /'descr':\s*'([^']*)'/.exec(text)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(text)?.[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shape === undefined) {
    throw new NpyFormatError(
      `${name}: header '${text.trim()}' is not a plain array header (structured dtypes are not supported; allowed: ${ALLOWED})`,
    );
  }
  const dims = shape
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (!dims.every((d) => Number.isInteger(d) && d >= 0)) throw new NpyFormatError(`${name}: invalid shape (${shape})`);
  return { descr, fortran: fortran === "True", shape: dims, dataStart: start + len };
}

/** Row-major element order; a Fortran-ordered 2-D array is transposed into it. */
function toRowMajor<T>(values: T[], shape: number[], fortran: boolean): T[] {
  if (!fortran || shape.length < 2) return values;
  if (shape.length !== 2) throw new NpyFormatError(`Fortran-ordered arrays of ${shape.length} dimensions are not supported`);
  const [rows, cols] = shape;
  return Array.from({ length: rows * cols }, (_, k) => values[(k % cols) * rows + Math.floor(k / cols)]);
}

export function readNpy(bytes: Uint8Array, name = "array"): NpyArray {
  const h = parseHeader(bytes, name);
  const count = h.shape.reduce((a, b) => a * b, 1);
  const body = bytes.subarray(h.dataStart);
  const order = h.descr[0];
  const type = h.descr.slice(1);
  if (type === "O") return { kind: "object", shape: h.shape, descr: h.descr, values: objectValues(body, h, count, name) };
  const le = order !== ">";
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const numeric = NUMERIC[type];
  if (numeric) {
    if (body.length < count * numeric.bytes) throw new NpyFormatError(`${name}: ${body.length} data bytes for ${count} × ${type}`);
    const values = Array.from({ length: count }, (_, i) => numeric.read(view, i * numeric.bytes, le));
    return { kind: "number", shape: h.shape, descr: h.descr, values: Float64Array.from(toRowMajor(values, h.shape, h.fortran)) };
  }
  const str = /^([SU])(\d+)$/.exec(type);
  if (str) {
    const width = Number(str[2]) * (str[1] === "U" ? 4 : 1);
    if (body.length < count * width) throw new NpyFormatError(`${name}: ${body.length} data bytes for ${count} × ${type}`);
    const values = Array.from({ length: count }, (_, i) => {
      const at = i * width;
      if (str[1] === "S") return new TextDecoder("latin1").decode(body.subarray(at, at + width)).replace(/\0+$/, "");
      let s = "";
      for (let k = 0; k < width; k += 4) {
        const cp = view.getUint32(at + k, le);
        if (cp !== 0) s += String.fromCodePoint(cp);
      }
      return s;
    });
    return { kind: "string", shape: h.shape, descr: h.descr, values: toRowMajor(values, h.shape, h.fortran) };
  }
  throw new NpyFormatError(`${name}: dtype '${h.descr}' is not supported (allowed: ${ALLOWED})`);
}

function objectValues(body: Uint8Array, h: Header, count: number, name: string): unknown[] {
  let value;
  try {
    value = readPickle(body);
  } catch (err) {
    if (err instanceof UnsafePickleError) throw new UnsafePickleError(`${name}: ${err.message}`);
    throw err;
  }
  const arr = value as PickledArray;
  if (arr?.kind !== "ndarray" || !Array.isArray(arr.data))
    throw new NpyFormatError(`${name}: the pickle does not hold a numpy object array`);
  if (arr.data.length !== count)
    throw new NpyFormatError(`${name}: the pickle holds ${arr.data.length} objects, the header's shape ${count}`);
  return toRowMajor(arr.data, h.shape, h.fortran);
}

/** Every `<name>.npy` member of an .npz (a zip), each read as above; members over `maxBytes` are refused. */
export async function readNpz(file: string, opts: { maxBytes?: number } = {}): Promise<Map<string, NpyArray>> {
  const maxBytes = opts.maxBytes ?? 512 << 20;
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (err, z) =>
      err || !z ? reject(new NpyFormatError(`${file} is not a readable .npz (zip) file: ${err?.message}`)) : resolve(z),
    ),
  );
  const out = new Map<string, NpyArray>();
  await new Promise<void>((resolve, reject) => {
    zip.on("error", reject);
    zip.on("end", resolve);
    zip.on("entry", (entry: Entry) => {
      if (!entry.fileName.endsWith(".npy") || entry.fileName.includes("/")) return zip.readEntry();
      if (entry.uncompressedSize > maxBytes)
        return reject(new NpyFormatError(`${file}: ${entry.fileName} is ${entry.uncompressedSize} bytes (limit ${maxBytes})`));
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return reject(err);
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("error", reject);
        stream.on("end", () => {
          try {
            const name = entry.fileName.replace(/\.npy$/, "");
            out.set(name, readNpy(new Uint8Array(Buffer.concat(chunks)), `${name}.npy`));
            zip.readEntry();
          } catch (e) {
            zip.close();
            reject(e);
          }
        });
      });
    });
    zip.readEntry();
  });
  return out;
}
