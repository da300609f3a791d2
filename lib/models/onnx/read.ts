/**
 * Decodes an ONNX ModelProto with protobufjs and the official schema (onnx.proto, copied from python3-onnx 1.12).
 * Initializers are materialised as Float32Array (float32, float16 upcast, float64 downcast) or number[] (int32/int64,
 * used for shapes and indices). External data is read strictly from inside the model's directory.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import protobuf from "protobufjs";
import { AppError } from "@/lib/errors";
import { ONNX_PROTO } from "./onnx-proto";

let root: protobuf.Root | null = null;
export function onnxSchema(): protobuf.Root {
  if (!root) root = protobuf.parse(ONNX_PROTO).root;
  return root;
}

export const DT = { FLOAT: 1, UINT8: 2, INT8: 3, UINT16: 4, INT16: 5, INT32: 6, INT64: 7, BOOL: 9, FLOAT16: 10, DOUBLE: 11, UINT32: 12, UINT64: 13, BFLOAT16: 16 } as const;
const DT_NAMES: Record<number, string> = {
  1: "float", 2: "uint8", 3: "int8", 4: "uint16", 5: "int16", 6: "int32", 7: "int64", 8: "string", 9: "bool",
  10: "float16", 11: "double", 12: "uint32", 13: "uint64", 16: "bfloat16",
};
export const dtypeName = (t: number): string => DT_NAMES[t] ?? `dtype ${t}`;
const DT_BYTES: Record<number, number> = { 1: 4, 2: 1, 3: 1, 4: 2, 5: 2, 6: 4, 7: 8, 9: 1, 10: 2, 11: 8, 12: 4, 13: 8, 16: 2 };

/** A constant value: float data as Float32Array, integer/bool data as number[]. */
export type ConstTensor = { name: string; dataType: number; dims: number[]; data: Float32Array | number[]; bytes: Uint8Array };
export type Dim = number | string | null;
/** kind: "tensor", or the TypeProto field a sequence / map / optional value uses (which the importer refuses). */
export type ValueInfo = { name: string; elemType: number; shape: Dim[] | null; kind: string };
export type Attr = { name: string; type: number; f?: number; i?: number; s?: string; t?: ConstTensor; floats?: number[]; ints?: number[] };
export type OnnxNode = { name: string; opType: string; domain: string; inputs: string[]; outputs: string[]; attrs: Map<string, Attr> };
export type OnnxModel = {
  opset: number;
  producerName: string;
  producerVersion: string;
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  nodes: OnnxNode[];
  initializers: ConstTensor[];
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Msg = any;

const num = (v: unknown): number => (typeof v === "number" ? v : v == null ? 0 : Number(String(v)));

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

function decodeRaw(dataType: number, raw: Uint8Array, count: number, name: string): Float32Array | number[] {
  if (!(dataType in DT_BYTES)) throw new AppError("invalid_model", `tensor "${name}" has unsupported data type ${dtypeName(dataType)}`);
  const need = count * (DT_BYTES[dataType] ?? 0);
  if (raw.length !== need) {
    throw new AppError("invalid_model", `tensor "${name}" has ${raw.length} bytes of data; its dims × ${dtypeName(dataType)} need ${need}`);
  }
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  switch (dataType) {
    case DT.FLOAT: {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = dv.getFloat32(i * 4, true);
      return out;
    }
    case DT.FLOAT16: {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = halfToFloat(dv.getUint16(i * 2, true));
      return out;
    }
    case DT.DOUBLE: {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = dv.getFloat64(i * 8, true);
      return out;
    }
    case DT.BFLOAT16: {
      const out = new Float32Array(count);
      const bits = new Uint32Array(out.buffer);
      for (let i = 0; i < count; i++) bits[i] = dv.getUint16(i * 2, true) << 16;
      return out;
    }
    case DT.UINT64: return Array.from({ length: count }, (_, i) => Number(dv.getBigUint64(i * 8, true)));
    case DT.UINT32: return Array.from({ length: count }, (_, i) => dv.getUint32(i * 4, true));
    case DT.INT16: return Array.from({ length: count }, (_, i) => dv.getInt16(i * 2, true));
    case DT.UINT16: return Array.from({ length: count }, (_, i) => dv.getUint16(i * 2, true));
    case DT.INT64: return Array.from({ length: count }, (_, i) => Number(dv.getBigInt64(i * 8, true)));
    case DT.INT32: return Array.from({ length: count }, (_, i) => dv.getInt32(i * 4, true));
    case DT.INT8: return Array.from({ length: count }, (_, i) => dv.getInt8(i));
    case DT.UINT8: case DT.BOOL: return Array.from(raw.subarray(0, count));
    default: throw new AppError("invalid_model", `tensor "${name}" has unsupported data type ${dtypeName(dataType)}`);
  }
}

function toBytes(dataType: number, data: Float32Array | number[]): Uint8Array {
  // A view: the bytes are only hashed, and a copy would hold every weight twice (330 MB more for a ViT-B/16).
  if (data instanceof Float32Array) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const f = new Float64Array(data);
  return new Uint8Array(f.buffer);
}

function readExternal(t: Msg, baseDir: string | null, name: string): Uint8Array {
  const kv = new Map<string, string>((t.externalData ?? []).map((e: Msg) => [e.key, e.value]));
  const location = kv.get("location");
  if (!location) throw new AppError("invalid_model", `tensor "${name}" has external data without a location`);
  if (!baseDir) throw new AppError("invalid_model", `tensor "${name}" has external data but the model was not read from a file`);
  if (path.isAbsolute(location) || location.split(/[\\/]/).includes("..")) {
    throw new AppError("invalid_model", `tensor "${name}": external data location "${location}" must be a relative path inside the model's folder`);
  }
  const file = path.resolve(baseDir, location);
  const rel = path.relative(path.resolve(baseDir), file);
  if (rel.startsWith("..") || path.isAbsolute(rel)) {
    throw new AppError("invalid_model", `tensor "${name}": external data location "${location}" leaves the model's folder`);
  }
  if (!existsSync(file)) throw new AppError("invalid_model", `tensor "${name}": external data file "${location}" does not exist`);
  if (!statSync(file).isFile()) throw new AppError("invalid_model", `tensor "${name}": external data location "${location}" is not a file`);
  const real = path.relative(realpathSync(baseDir), realpathSync(file));
  if (real.startsWith("..") || path.isAbsolute(real)) {
    throw new AppError("invalid_model", `tensor "${name}": external data location "${location}" leaves the model's folder`);
  }
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const offset = kv.has("offset") ? Number(kv.get("offset")) : 0;
    const length = kv.has("length") ? Number(kv.get("length")) : size - offset;
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > size) {
      throw new AppError("invalid_model", `tensor "${name}": external data offset ${offset} + length ${length} exceeds "${location}" (${size} bytes)`);
    }
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, offset);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
  } finally {
    closeSync(fd);
  }
}

export function decodeTensor(t: Msg, baseDir: string | null = null): ConstTensor {
  const name: string = t.name ?? "";
  const dataType = num(t.dataType);
  const dims: number[] = (t.dims ?? []).map(num);
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0)) throw new AppError("invalid_model", `tensor "${name}" has invalid dims [${dims}]`);
  const count = dims.reduce((a, b) => a * b, 1);
  let data: Float32Array | number[];
  if (num(t.dataLocation) === 1) {
    data = decodeRaw(dataType, readExternal(t, baseDir, name), count, name);
  } else if (t.rawData && t.rawData.length > 0) {
    data = decodeRaw(dataType, t.rawData, count, name);
  } else {
    let vals: number[];
    if (dataType === DT.FLOAT) vals = (t.floatData ?? []).map(num);
    else if (dataType === DT.DOUBLE) vals = (t.doubleData ?? []).map(num);
    else if (dataType === DT.INT64) vals = (t.int64Data ?? []).map(num);
    else if (dataType === DT.FLOAT16) vals = (t.int32Data ?? []).map((h: number) => halfToFloat(num(h)));
    else if (dataType === DT.BFLOAT16) vals = (t.int32Data ?? []).map((h: number) => new Float32Array(Uint32Array.of(num(h) << 16).buffer)[0]);
    else if (dataType === DT.UINT32 || dataType === DT.UINT64) vals = (t.uint64Data ?? []).map(num);
    else if ([DT.INT32, DT.INT8, DT.UINT8, DT.BOOL, 4, 5].includes(dataType as never)) vals = (t.int32Data ?? []).map(num);
    else throw new AppError("invalid_model", `tensor "${name}" has unsupported data type ${dtypeName(dataType)}`);
    if (vals.length !== count) {
      throw new AppError("invalid_model", `tensor "${name}" has ${vals.length} values; dims [${dims}] need ${count}`);
    }
    data = [DT.FLOAT, DT.DOUBLE, DT.FLOAT16, DT.BFLOAT16].includes(dataType as never) ? Float32Array.from(vals) : vals;
  }
  return { name, dataType, dims, data, bytes: toBytes(dataType, data) };
}

function decodeValueInfo(v: Msg): ValueInfo {
  const tt = v.type?.tensorType;
  const shape: Dim[] | null = tt?.shape
    ? (tt.shape.dim ?? []).map((d: Msg): Dim => (d.value === "dimValue" ? num(d.dimValue) : d.value === "dimParam" ? String(d.dimParam) : null))
    : null;
  const kind = tt ? "tensor" : (["sequenceType", "mapType", "optionalType", "sparseTensorType"].find((k) => v.type?.[k]) ?? "tensor");
  return { name: v.name ?? "", elemType: num(tt?.elemType), shape, kind };
}

/** Reads the field the attribute's type names (protobufjs gives absent proto2 scalars their default, 0). */
function decodeAttr(a: Msg, baseDir: string | null): Attr {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(a, k);
  const type = num(a.type);
  const out: Attr = { name: a.name, type };
  if (has("f") && (type === 1 || type === 0)) out.f = num(a.f);
  if (has("i") && (type === 2 || type === 0)) out.i = num(a.i);
  if (has("s") && (type === 3 || type === 0)) out.s = Buffer.from(a.s).toString("utf8");
  if (a.t) out.t = decodeTensor(a.t, baseDir);
  if (type === 6 || a.floats?.length) out.floats = (a.floats ?? []).map(num);
  if (type === 7 || a.ints?.length) out.ints = (a.ints ?? []).map(num);
  return out;
}

export function decodeTensorProto(bytes: Uint8Array): ConstTensor {
  const T = onnxSchema().lookupType("onnx.TensorProto");
  return decodeTensor(T.decode(bytes));
}

export function readOnnx(bytes: Uint8Array, baseDir: string | null = null): OnnxModel {
  const M = onnxSchema().lookupType("onnx.ModelProto");
  let m: Msg;
  try {
    m = M.decode(bytes);
  } catch (e) {
    throw new AppError("invalid_model", `the file is not an ONNX ModelProto: ${(e as Error).message}`);
  }
  if (!m.graph || !m.irVersion) {
    throw new AppError("invalid_model", `the file is not an ONNX ModelProto: ${!m.graph ? "it has no graph" : "it has no ir_version"}`);
  }
  const opsetEntry = (m.opsetImport ?? []).find((o: Msg) => !o.domain || o.domain === "ai.onnx");
  const g = m.graph;
  return {
    opset: opsetEntry ? num(opsetEntry.version) : 0,
    producerName: m.producerName ?? "",
    producerVersion: m.producerVersion ?? "",
    inputs: (g.input ?? []).map(decodeValueInfo),
    outputs: (g.output ?? []).map(decodeValueInfo),
    nodes: (g.node ?? []).map((n: Msg, i: number) => ({
      name: n.name || `${n.opType}_${i}`,
      opType: n.opType,
      domain: n.domain ?? "",
      inputs: n.input ?? [],
      outputs: n.output ?? [],
      attrs: new Map((n.attribute ?? []).map((a: Msg) => [a.name, decodeAttr(a, baseDir)])),
    })),
    initializers: (g.initializer ?? []).map((t: Msg) => decodeTensor(t, baseDir)),
  };
}
