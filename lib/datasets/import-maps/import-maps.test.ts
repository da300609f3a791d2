import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "@/jobs/data-import-maps";
import { parseBenchmarkManifest } from "@/lib/benchmarks/manifest";
import { readClickMe } from "@/lib/datasets/clickme";
import { decodeJpeg } from "@/lib/datasets/jpeg";
import { cjpeg, libjpegToolsAvailable } from "@/lib/datasets/jpeg/libjpeg-tools";
import { encodePng } from "@/lib/images/png";
import { decodePng } from "../png-decode";
import { readNpyMap } from "../npy";
import { splitHalfCeiling } from "./ceiling";

const N = 256 * 256;
let root: string;
const stderrOf = () => {
  let text = "";
  return { stream: { write: (s: string) => (text += s) }, text: () => text };
};

function photo(seed: number): Uint8Array {
  const rgb = new Uint8Array(N * 3);
  for (let y = 0; y < 256; y++)
    for (let x = 0; x < 256; x++) {
      const p = (y * 256 + x) * 3;
      rgb[p] = (x * 3 + seed * 40) & 255;
      rgb[p + 1] = (y * 2 + seed * 17) & 255;
      rgb[p + 2] = ((x ^ y) + seed * 9) & 255;
    }
  return rgb;
}
function blob(cx: number, cy: number): Uint8Array {
  const m = new Uint8Array(N);
  for (let y = 0; y < 256; y++)
    for (let x = 0; x < 256; x++) m[y * 256 + x] = Math.round(255 * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * 40 ** 2)));
  return m;
}
/** A float32 .npy (H, W) map, written as numpy does (format 1.0, header padded to 64 bytes). */
function npyFloat32(values: Float32Array, h: number, w: number): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${h}, ${w}), }`;
  header = header.padEnd(64 - 10 - 1, " ") + "\n";
  const out = new Uint8Array(10 + header.length + values.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  out.set(new Uint8Array(values.buffer), 10 + header.length);
  return out;
}

const jpegOf = (rgb: Uint8Array) => cjpeg({ width: 256, height: 256, channels: 3, data: rgb }, ["-quality", "92"]);
const stems = ["cat-1", "dog-2", "fox-3", "owl-4", "yak-5"];
const labelOf: Record<string, number> = { "cat-1": 281, "dog-2": 207, "fox-3": 277, "owl-4": 24, "yak-5": 354 };
const centres: [number, number][] = [
  [60, 60],
  [200, 80],
  [128, 128],
  [90, 190],
  [180, 200],
];

async function writeInputs(dir: string): Promise<{ images: string; maps: string; labels: string }> {
  const images = path.join(dir, "images");
  const maps = path.join(dir, "maps");
  await mkdir(images, { recursive: true });
  await mkdir(maps, { recursive: true });
  for (const [i, stem] of stems.entries()) {
    if (stem === "owl-4") await writeFile(path.join(images, `${stem}.png`), encodePng(photo(i), 256, 256, 3));
    else await writeFile(path.join(images, `${stem}.jpg`), jpegOf(photo(i)));
    const [cx, cy] = centres[i];
    if (stem === "fox-3")
      await writeFile(
        path.join(maps, `${stem}.npy`),
        npyFloat32(
          Float32Array.from(blob(cx, cy), (v) => v / 510),
          256,
          256,
        ),
      );
    else await writeFile(path.join(maps, `${stem}.png`), encodePng(blob(cx, cy), 256, 256, 1));
  }
  const labels = path.join(dir, "labels.csv");
  await writeFile(labels, "stem,label\n" + stems.map((s) => `${s},${labelOf[s]}`).join("\n") + "\n");
  return { images, maps, labels };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "import-maps-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe.skipIf(!libjpegToolsAvailable())("npm run data:import-maps", () => {
  it("writes shards the ClickMe reader reads back with the right images, maps and labels, and a valid manifest", async () => {
    const inputs = await writeInputs(path.join(root, "ok"));
    const out = path.join(root, "ok", "out", "where-demo");
    const err = stderrOf();
    const code = await main(
      [
        "--images",
        inputs.images,
        "--maps",
        inputs.maps,
        "--labels",
        inputs.labels,
        "--out",
        out,
        "--title",
        "Where demo",
        "--shard-size",
        "2",
        "--ceiling",
        "0.6",
        "--ceiling-source",
        "Example et al. 2020",
      ],
      err.stream,
    );
    expect(err.text()).toMatch(/import 5\/5 100\.0%/);
    expect(code).toBe(0);
    expect(err.text()).toMatch(/wrote 5 images in 3 shards .*ceiling: 0\.6 \(published\)/);
    expect((await readdir(out)).sort()).toEqual(["manifest.json", "val-0.tfrecords", "val-1.tfrecords", "val-2.tfrecords"]);
    expect(await readdir(path.dirname(out))).toEqual(["where-demo"]);

    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8"));
    const parsed = parseBenchmarkManifest(manifest, "manifest.json", { reservedIds: ["clickme"] });
    expect(parsed.ok && parsed.definition).toMatchObject({
      id: "where-demo",
      title: "Where demo",
      version: 1,
      numClasses: 1000,
      ceiling: 0.6,
    });
    expect(manifest).toMatchObject({ nImages: 5, ceiling: { kind: "published", value: 0.6, source: "Example et al. 2020" } });
    expect(manifest.shards.map((s: { records: number }) => s.records)).toEqual([2, 2, 1]);

    const samples = [];
    for await (const s of readClickMe(out)) samples.push(s);
    expect(samples.map((s) => s.label)).toEqual(stems.map((s) => labelOf[s]));
    for (const [i, s] of samples.entries()) {
      const stem = stems[i];
      const file = path.join(inputs.images, `${stem}.${stem === "owl-4" ? "png" : "jpg"}`);
      const original =
        stem === "owl-4"
          ? decodePng(new Uint8Array(await readFile(file))).data
          : decodeJpeg(new Uint8Array(await readFile(file)), { channels: 3 }).data;
      let imageErr = 0;
      let sumErr = 0;
      for (let p = 0; p < original.length; p++) {
        imageErr = Math.max(imageErr, Math.abs(original[p] - s.image[p]));
        sumErr += Math.abs(original[p] - s.image[p]);
      }
      // A JPEG input is stored byte for byte (identical pixels); a PNG one is encoded at quality 100 (jpeg-js).
      if (stem === "owl-4") expect(sumErr / original.length, stem).toBeLessThan(2);
      else expect(imageErr, stem).toBe(0);
      const want = blob(...centres[i]);
      let mapErr = 0;
      for (let p = 0; p < N; p++) mapErr = Math.max(mapErr, Math.abs(want[p] - s.heatmap[p]));
      // fox-3 is a float .npy with max 0.5: scaled so that its max is 255, i.e. back to the 8-bit blob.
      expect(mapErr, stem).toBeLessThanOrEqual(4); // grey JPEG at quality 100, decoded with the IFAST IDCT
    }
  });

  it("refuses bad input with an error naming the file, leaving nothing under --out", async () => {
    const dir = path.join(root, "bad");
    const inputs = await writeInputs(dir);
    const out = path.join(dir, "out", "where-bad");
    const run = async (over: Record<string, string> = {}) => {
      const err = stderrOf();
      const a = { images: inputs.images, maps: inputs.maps, labels: inputs.labels, out, ...over };
      const code = await main(
        Object.entries(a).flatMap(([k, v]) => [`--${k}`, v]),
        err.stream,
      );
      return { code, text: err.text() };
    };
    await rm(path.join(inputs.maps, "dog-2.png"));
    expect(await run()).toMatchObject({
      code: 1,
      text: expect.stringMatching(/images\/dog-2\.jpg: no human map dog-2\.png or dog-2\.npy/),
    });
    await writeFile(path.join(inputs.maps, "dog-2.png"), encodePng(blob(1, 1).subarray(0, 128 * 128), 128, 128, 1));
    expect(await run()).toMatchObject({
      code: 1,
      text: expect.stringMatching(/maps\/dog-2\.png: the map is 128x128; ClickMe-format records hold 256x256 maps/),
    });
    await writeFile(path.join(inputs.maps, "dog-2.png"), encodePng(blob(1, 1), 256, 256, 1));
    await writeFile(path.join(inputs.images, "cat-1.jpg"), new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    expect(await run()).toMatchObject({ code: 1, text: expect.stringMatching(/images\/cat-1\.jpg: not a readable JPEG/) });
    await writeFile(path.join(inputs.images, "cat-1.jpg"), jpegOf(photo(0)));
    await writeFile(inputs.labels, "cat-1,281\ndog-2,207\nfox-3,1000\nowl-4,24\nyak-5,354\n");
    expect(await run()).toMatchObject({
      code: 1,
      text: expect.stringMatching(/labels\.csv, line 3: label '1000' of 'fox-3' is not a class index in 0\.\.999/),
    });
    await writeFile(inputs.labels, "cat-1,281\ndog-2,207\nowl-4,24\nyak-5,354\n");
    expect(await run()).toMatchObject({ code: 1, text: expect.stringMatching(/images\/fox-3\.jpg: no label for 'fox-3'/) });
    // The error is found while writing (the fifth image's map is not greyscale): the temporary split is removed.
    await writeFile(inputs.labels, stems.map((s) => `${s},${labelOf[s]}`).join("\n"));
    await writeFile(path.join(inputs.maps, "yak-5.png"), encodePng(photo(3), 256, 256, 3));
    expect(await run()).toMatchObject({ code: 1, text: expect.stringMatching(/maps\/yak-5\.png: the map is in colour/) });
    expect(await readdir(path.join(dir, "out"))).toEqual([]);
    expect(await run({ id: "Bad Id" })).toMatchObject({ code: 2, text: expect.stringMatching(/--id must be/) });
  });
});

describe.skipIf(!libjpegToolsAvailable())("data:import-maps --rater-maps", () => {
  it("computes the split-half ceiling from <stem>/<rater>.png and writes it into the manifest", async () => {
    const dir = path.join(root, "raters");
    const inputs = await writeInputs(dir);
    const raters = path.join(dir, "raters");
    const sets = {
      "cat-1": [
        [60, 60],
        [70, 50],
        [50, 75],
      ],
      "dog-2": [
        [200, 80],
        [190, 90],
        [210, 60],
        [205, 85],
      ],
    } as Record<string, [number, number][]>;
    for (const [stem, cs] of Object.entries(sets)) {
      await mkdir(path.join(raters, stem), { recursive: true });
      for (const [k, [cx, cy]] of cs.entries())
        await writeFile(path.join(raters, stem, `rater${k}.png`), encodePng(blob(cx, cy), 256, 256, 1));
    }
    const out = path.join(dir, "out", "where-raters");
    const code = await main(
      ["--images", inputs.images, "--maps", inputs.maps, "--labels", inputs.labels, "--out", out, "--rater-maps", raters],
      stderrOf().stream,
    );
    expect(code).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8"));
    const expected = splitHalfCeiling(Object.entries(sets).map(([stem, cs]) => ({ stem, raters: cs.map(([x, y]) => blob(x, y)) })));
    expect(manifest.ceiling).toEqual({
      kind: "split-half",
      value: Number(expected.value.toFixed(6)),
      images: 2,
      splits: 10,
      seed: 20221128,
      uncorrected: Number(expected.uncorrected.toFixed(6)),
    });
    expect(manifest.ceiling.value).toBeGreaterThan(0.5);
    expect(manifest.ceiling.value).toBeLessThan(1);
  });
});

describe("decoders", () => {
  it("reads PNG written by the project's encoder and a float .npy", () => {
    const grey = blob(10, 20);
    expect(decodePng(encodePng(grey, 256, 256, 1))).toMatchObject({ width: 256, height: 256, channels: 1, depth: 8, data: grey });
    const npy = readNpyMap(npyFloat32(Float32Array.from([0, 0.5, 1, 2, 3, 4]), 2, 3));
    expect(npy).toMatchObject({ height: 2, width: 3, dtype: "f4" });
    expect([...npy.data]).toEqual([0, 0.5, 1, 2, 3, 4]);
  });
});
