import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeExample, encodeExample, ExampleDecodeError, type FeatureValue } from "./example-proto";
import { readTFRecords } from "./tfrecord";

async function referenceRecords(): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const r of readTFRecords(fileURLToPath(new URL("./fixtures/reference.tfrecord", import.meta.url)))) out.push(r);
  return out;
}

const text = (b: Uint8Array) => Buffer.from(b).toString("latin1");

describe("tf.train.Example codec", () => {
  it("decodes packed lists, negative int64 and floats from hand-assembled bytes", async () => {
    const [rec0] = await referenceRecords();
    const ex = decodeExample(rec0);
    expect([...ex.keys()]).toEqual(["image", "label", "scores", "neg"]);
    const image = ex.get("image")!;
    expect(image.kind).toBe("bytes");
    expect(text((image as { value: Uint8Array[] }).value[0])).toBe("\xff\xd8JPEG");
    expect(ex.get("label")).toEqual({ kind: "int64", value: [7n] });
    expect(ex.get("scores")).toEqual({ kind: "float", value: [1.5, -2.25] });
    expect(ex.get("neg")).toEqual({ kind: "int64", value: [-3n, 300n] });
  });

  it("decodes unpacked int64, an empty bytes value, and skips unknown fields", async () => {
    const [, rec1] = await referenceRecords();
    const ex = decodeExample(rec1);
    expect(ex.get("label")).toEqual({ kind: "int64", value: [999n, 1n << 40n] });
    const pair = ex.get("pair") as { kind: "bytes"; value: Uint8Array[] };
    expect(pair.value.map(text)).toEqual(["a", ""]);
  });

  it("encodes byte-identically to the hand-assembled reference", async () => {
    const [rec0] = await referenceRecords();
    const encoded = encodeExample({
      image: { kind: "bytes", value: [Uint8Array.from([0xff, 0xd8, ...Buffer.from("JPEG")])] },
      label: { kind: "int64", value: [7n] },
      scores: { kind: "float", value: [1.5, -2.25] },
      neg: { kind: "int64", value: [-3n, 300n] },
    });
    expect(Buffer.from(encoded).equals(Buffer.from(rec0))).toBe(true);
  });

  it("round-trips extreme values", () => {
    const features: Record<string, FeatureValue> = {
      big: { kind: "int64", value: [-(1n << 63n), (1n << 63n) - 1n, 0n] },
      f: { kind: "float", value: [0, -0.5, 3.4028234663852886e38] },
      empty: { kind: "float", value: [] },
      ключ: { kind: "bytes", value: [new Uint8Array(300).fill(9)] },
    };
    const back = decodeExample(encodeExample(features));
    expect(Object.fromEntries(back)).toEqual(features);
  });

  it("rejects int64 overflow and truncated bytes with a clear error", () => {
    expect(() => encodeExample({ x: { kind: "int64", value: [1n << 63n] } })).toThrow(/'x'.*int64/);
    const good = encodeExample({ label: { kind: "int64", value: [5n] } });
    expect(() => decodeExample(good.subarray(0, good.length - 2))).toThrow(ExampleDecodeError);
    expect(() => decodeExample(good.subarray(0, good.length - 2))).toThrow(/runs past the end/);
  });
});
