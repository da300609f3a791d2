/**
 * Hand-written protobuf codec for tf.train.Example:
 *   Example { Features features = 1 }   Features { map<string, Feature> feature = 1 }
 *   Feature { oneof kind { BytesList bytes_list = 1; FloatList float_list = 2; Int64List int64_list = 3 } }
 *   BytesList { repeated bytes value = 1 }  FloatList { repeated float value = 1 [packed] }
 *   Int64List { repeated int64 value = 1 [packed] }
 * Decoding accepts packed and unpacked repeated scalars and skips unknown fields, as protobuf parsers must.
 */
import { ProtoReader, ProtoWriter, WIRE } from "./example-proto-wire";

export type FeatureValue = { kind: "bytes"; value: Uint8Array[] } | { kind: "int64"; value: bigint[] } | { kind: "float"; value: number[] };

export class ExampleDecodeError extends Error {
  constructor(message: string) {
    super(`Invalid tf.train.Example: ${message}`);
    this.name = "ExampleDecodeError";
  }
}

export function decodeExample(buf: Uint8Array): Map<string, FeatureValue> {
  const out = new Map<string, FeatureValue>();
  try {
    const r = new ProtoReader(buf);
    while (!r.done()) {
      const { field, wire } = r.tag();
      if (field === 1 && wire === WIRE.LEN) decodeFeatures(r.bytes(), out);
      else r.skip(wire);
    }
  } catch (err) {
    if (err instanceof ExampleDecodeError) throw err;
    throw new ExampleDecodeError((err as Error).message);
  }
  return out;
}

function decodeFeatures(buf: Uint8Array, out: Map<string, FeatureValue>): void {
  const r = new ProtoReader(buf);
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field !== 1 || wire !== WIRE.LEN) {
      r.skip(wire);
      continue;
    }
    const entry = new ProtoReader(r.bytes());
    let key = "";
    let value: FeatureValue | undefined;
    while (!entry.done()) {
      const t = entry.tag();
      if (t.field === 1 && t.wire === WIRE.LEN) key = new TextDecoder("utf-8", { fatal: true }).decode(entry.bytes());
      else if (t.field === 2 && t.wire === WIRE.LEN) value = decodeFeature(entry.bytes(), value);
      else entry.skip(t.wire);
    }
    if (!value) throw new ExampleDecodeError(`feature '${key}' has no bytes_list, float_list or int64_list`);
    out.set(key, value); // protobuf map semantics: the last entry for a key wins
  }
}

function decodeFeature(buf: Uint8Array, previous: FeatureValue | undefined): FeatureValue {
  const r = new ProtoReader(buf);
  let value = previous;
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (wire !== WIRE.LEN || field < 1 || field > 3) {
      r.skip(wire);
      continue;
    }
    const list = new ProtoReader(r.bytes());
    if (field === 1) value = { kind: "bytes", value: readBytesList(list) };
    else if (field === 2) value = { kind: "float", value: readFloatList(list) };
    else value = { kind: "int64", value: readInt64List(list) };
  }
  if (!value) throw new ExampleDecodeError("a Feature has no value list");
  return value;
}

function readBytesList(r: ProtoReader): Uint8Array[] {
  const values: Uint8Array[] = [];
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE.LEN) values.push(r.bytes());
    else r.skip(wire);
  }
  return values;
}

function readFloatList(r: ProtoReader): number[] {
  const values: number[] = [];
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE.LEN) {
      const packed = new ProtoReader(r.bytes());
      while (!packed.done()) values.push(packed.float32());
    } else if (field === 1 && wire === WIRE.I32) values.push(r.float32());
    else r.skip(wire);
  }
  return values;
}

function readInt64List(r: ProtoReader): bigint[] {
  const values: bigint[] = [];
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE.LEN) {
      const packed = new ProtoReader(r.bytes());
      while (!packed.done()) values.push(BigInt.asIntN(64, packed.varint()));
    } else if (field === 1 && wire === WIRE.VARINT) values.push(BigInt.asIntN(64, r.varint()));
    else r.skip(wire);
  }
  return values;
}

/** Encodes like TensorFlow: features in the given key order, int64 and float lists packed. */
export function encodeExample(features: Record<string, FeatureValue>): Uint8Array {
  const featuresMsg = new ProtoWriter();
  for (const [key, feature] of Object.entries(features)) {
    const entry = new ProtoWriter();
    entry.lenField(1, new TextEncoder().encode(key));
    entry.lenField(2, encodeFeature(key, feature));
    featuresMsg.lenField(1, entry.finish());
  }
  const example = new ProtoWriter();
  example.lenField(1, featuresMsg.finish());
  return example.finish();
}

function encodeFeature(key: string, feature: FeatureValue): Uint8Array {
  const list = new ProtoWriter();
  const payload = new ProtoWriter();
  switch (feature.kind) {
    case "bytes":
      for (const v of feature.value) list.lenField(1, v);
      break;
    case "float":
      for (const v of feature.value) payload.float32(v);
      if (feature.value.length) list.lenField(1, payload.finish());
      break;
    case "int64":
      for (const v of feature.value) {
        if (v < -(1n << 63n) || v >= 1n << 63n) throw new RangeError(`feature '${key}': ${v} does not fit in int64`);
        payload.varint(BigInt.asUintN(64, v));
      }
      if (feature.value.length) list.lenField(1, payload.finish());
      break;
  }
  const field = feature.kind === "bytes" ? 1 : feature.kind === "float" ? 2 : 3;
  const out = new ProtoWriter();
  out.lenField(field, list.finish());
  return out.finish();
}
