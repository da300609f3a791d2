/** The ModelProto as protobufjs decodes it: the gradient graph is appended to the submitted message itself. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { onnxSchema } from "../read";
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
