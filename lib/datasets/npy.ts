/**
 * A reader for NumPy .npy files (format 1.0–3.0) holding one 2-D map: shape (H, W) or (H, W, 1), C order, dtype
 * uint8, uint16, int16, int32, int64, float32 or float64 (either byte order). Returned as float64 values.
 */
export type NpyMap = { height: number; width: number; dtype: string; data: Float64Array };

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

export function readNpyMap(bytes: Uint8Array): NpyMap {
  if (bytes.length < 10 || !MAGIC.every((b, i) => bytes[i] === b)) throw new Error("not a .npy file (bad magic)");
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  if (start + headerLen > bytes.length) throw new Error(".npy header is truncated");
  const header = new TextDecoder("latin1").decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined) throw new Error(`.npy header is not understood: ${header.trim()}`);
  if (fortran === "True") throw new Error(".npy map is in Fortran order; save it with C order (np.ascontiguousarray)");
  const shape = shapeText
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (!(shape.length === 2 || (shape.length === 3 && shape[2] === 1))) {
    throw new Error(`.npy map has shape (${shape.join(", ")}); a greyscale map is (H, W) or (H, W, 1)`);
  }
  const [height, width] = shape;
  const little = descr[0] !== ">";
  const kind = descr.replace(/^[<>|=]/, "");
  const readers: Record<string, [number, (o: number) => number]> = {
    u1: [1, (o) => view.getUint8(o)],
    u2: [2, (o) => view.getUint16(o, little)],
    i2: [2, (o) => view.getInt16(o, little)],
    i4: [4, (o) => view.getInt32(o, little)],
    i8: [8, (o) => Number(view.getBigInt64(o, little))],
    f4: [4, (o) => view.getFloat32(o, little)],
    f8: [8, (o) => view.getFloat64(o, little)],
  };
  const reader = readers[kind];
  if (!reader) throw new Error(`.npy dtype '${descr}' is not supported (uint8, uint16, int16, int32, int64, float32, float64)`);
  const [size, read] = reader;
  const n = height * width;
  const offset = start + headerLen;
  if (bytes.length - offset < n * size)
    throw new Error(`.npy data is truncated: ${bytes.length - offset} bytes for ${height}x${width} ${descr}`);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = read(offset + i * size);
  return { height, width, dtype: kind, data };
}
