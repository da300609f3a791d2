/** The ModelProto as protobufjs decodes it: the gradient graph is appended to the submitted message itself. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { onnxSchema } from "../read";
import type { ExternalFiles } from "@/lib/models/ort/session-files";
import type { Msg } from "./emitter";

const modelProto = () => onnxSchema().lookupType("onnx.ModelProto");

export function decodeModelProto(bytes: Uint8Array): Msg {
  return modelProto().decode(bytes);
}

export function encodeModelProto(m: Msg): Uint8Array {
  return modelProto().encode(m).finish();
}

/**
 * External data read into raw_data, so that the message stands alone (onnxruntime opened from bytes has no folder).
 * The locations were checked by the reader (lib/models/onnx/read.ts) before anything gets here.
 */
export function inlineExternalData(m: Msg, baseDir: string): void {
  for (const t of m.graph.initializer ?? []) {
    if (Number(t.dataLocation) !== 1) continue;
    const kv = new Map<string, string>((t.externalData ?? []).map((e: Msg) => [e.key, e.value]));
    const file = readFileSync(path.join(baseDir, kv.get("location") ?? ""));
    const offset = Number(kv.get("offset") ?? 0);
    t.rawData = file.subarray(offset, kv.has("length") ? offset + Number(kv.get("length")) : undefined);
    t.externalData = [];
    t.dataLocation = 0;
  }
}

/** Initializers smaller than this stay inline (biases, norms, shape constants): linking them saves nothing. */
const MIN_EXTERNAL_BYTES = 4096;

/**
 * The reverse of inlineExternalData for a model read from `file` into `bytes`: every large raw_data that is a view of
 * those bytes (protobufjs decodes bytes fields as views) becomes external data at its offset in the file, and the
 * model's own external data stays where it is. Re-encoding the message then copies no weights; the returned files
 * are what onnxruntime needs beside the graph (lib/models/ort/session-files.ts). Small raw_data is copied, so that
 * the message holds no view of `bytes`.
 */
export function externalizeInitializers(m: Msg, source: { bytes: Uint8Array; file: string }, baseDir: string): ExternalFiles {
  const files: ExternalFiles = new Map();
  const initializers: Msg[] = m.graph.initializer ?? [];
  const locations = new Set<string>();
  for (const t of initializers) {
    if (Number(t.dataLocation) !== 1) continue;
    const location = (t.externalData ?? []).find((e: Msg) => e.key === "location")?.value ?? "";
    locations.add(location);
    files.set(location, path.resolve(baseDir, location));
  }
  let own = "__source_model.onnx";
  while (locations.has(own)) own = `_${own}`;
  for (const t of initializers) {
    const raw: Uint8Array | undefined = t.rawData;
    if (Number(t.dataLocation) === 1 || !raw || raw.buffer !== source.bytes.buffer) continue;
    const offset = raw.byteOffset - source.bytes.byteOffset;
    if (raw.length < MIN_EXTERNAL_BYTES || offset < 0 || offset + raw.length > source.bytes.length) {
      t.rawData = new Uint8Array(raw); // a copy (Buffer.slice would be a view): a view keeps the whole file's bytes alive
      continue;
    }
    t.externalData = [
      { key: "location", value: own },
      { key: "offset", value: String(offset) },
      { key: "length", value: String(raw.length) },
    ];
    t.dataLocation = 1;
    t.rawData = new Uint8Array(0);
    files.set(own, path.resolve(source.file));
  }
  copyViewsOf(m, source.bytes.buffer);
  return files;
}

/** Replaces every remaining view of `buffer` in the message (attribute strings, Constant tensors) by a copy. */
function copyViewsOf(value: Msg, buffer: ArrayBufferLike): void {
  if (!value || typeof value !== "object") return;
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v instanceof Uint8Array) {
      if (v.buffer === buffer) value[key] = new Uint8Array(v);
    } else if (typeof v === "object") {
      copyViewsOf(v, buffer);
    }
  }
}
