/**
 * `npm run data:import-maps`: a folder of images, a folder of human maps (matched by file stem) and a labels CSV become
 * a ClickMe-format split (val-N.tfrecords: image JPEG, heatmap JPEG, int64 label) plus manifest.json, which is both
 * the split's manifest (data adverts) and the benchmark manifest (lib/benchmarks/manifest.ts). Everything is checked
 * before the first record is written; the split is written to a temporary sibling and renamed at the end, so a failed
 * run leaves nothing under --out.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { MANIFEST_FORMAT, parseBenchmarkManifest, type BenchmarkManifest, type ManifestCeiling } from "@/lib/benchmarks/manifest";
import { BUILT_IN_BENCHMARKS } from "@/lib/benchmarks";
import { createHash } from "node:crypto";
import { fingerprintDataset, shardName } from "../clickme-shards";
import { encodeClickMeRecord } from "../clickme-record";
import { encodeGreyJpeg } from "../synthetic/grey-jpeg";
import { TFRecordWriter } from "../tfrecord";
import { splitHalfCeiling, type SplitHalfCeiling } from "./ceiling";
import { IMAGE_EXTENSIONS, IMPORT_JPEG_QUALITY, ImportError, MAP_EXTENSIONS, readImage, readLabels, readMap, SIZE } from "./read-inputs";

export { ImportError } from "./read-inputs";

/** Descriptive fields of the manifest that the importer cannot know (given by --meta FILE or defaults). */
export type ManifestMeta = Partial<
  Pick<BenchmarkManifest, "title" | "summary" | "protocol" | "licence" | "citation" | "changelog" | "comparableWithPaper">
> & {
  classes?: { space?: string; names?: string[] };
  dataset?: Partial<BenchmarkManifest["dataset"]>;
};

export type ImportOptions = {
  images: string;
  maps: string;
  labels: string;
  out: string;
  id: string;
  version: number;
  title?: string;
  numClasses: number;
  shardSize: number;
  /** A published ceiling; exclusive with raterMaps. */
  ceiling?: { value: number; source: string };
  /** DIR/<stem>/<rater>.png|.npy: compute the split-half ceiling. */
  raterMaps?: string;
  meta?: ManifestMeta;
  force?: boolean;
  onImage?: (done: number, total: number) => void;
  /** For the date of the changelog entry (tests). */
  now?: () => Date;
};

export type ImportSummary = { manifest: BenchmarkManifest; out: string; ceiling: SplitHalfCeiling | null; placeholders: string[] };

const stemOf = (name: string) => name.slice(0, name.length - path.extname(name).length);

async function filesByStem(dir: string, extensions: string[], what: string): Promise<Map<string, string>> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch (err) {
    throw new ImportError(`${what} directory ${dir} cannot be read: ${(err as Error).message}`);
  }
  const byStem = new Map<string, string>();
  for (const name of names.sort()) {
    if (name.startsWith(".")) continue;
    if (!extensions.includes(path.extname(name).toLowerCase())) {
      throw new ImportError(`${path.join(dir, name)}: not a ${what} file (allowed: ${extensions.join(", ")})`);
    }
    const stem = stemOf(name);
    const other = byStem.get(stem);
    if (other) throw new ImportError(`${path.join(dir, name)}: the stem '${stem}' is also ${other}; stems must be unique`);
    byStem.set(stem, path.join(dir, name));
  }
  return byStem;
}

async function readInput(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (err) {
    throw new ImportError(`${file}: cannot be read: ${(err as Error).message}`);
  }
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

export async function importMaps(o: ImportOptions): Promise<ImportSummary> {
  const out = path.resolve(o.out);
  if (!o.force && (await exists(out))) throw new ImportError(`${out} already exists; pass --force to replace it`);
  const images = await filesByStem(o.images, IMAGE_EXTENSIONS, "image");
  const maps = await filesByStem(o.maps, MAP_EXTENSIONS, "map");
  const labels = readLabels(
    o.labels,
    await readFile(o.labels, "utf8").catch((err: Error) => {
      throw new ImportError(`${o.labels}: cannot be read: ${err.message}`);
    }),
    o.numClasses,
  );
  if (!images.size) throw new ImportError(`${o.images}: no images (${IMAGE_EXTENSIONS.join(", ")})`);
  const stems = [...images.keys()].sort();
  for (const stem of stems) {
    if (!maps.has(stem)) throw new ImportError(`${images.get(stem)}: no human map ${stem}.png or ${stem}.npy in ${o.maps}`);
    if (!labels.has(stem)) throw new ImportError(`${images.get(stem)}: no label for '${stem}' in ${o.labels}`);
  }
  for (const [stem, file] of maps) if (!images.has(stem)) throw new ImportError(`${file}: no image with the stem '${stem}' in ${o.images}`);
  for (const stem of labels.keys())
    if (!images.has(stem)) throw new ImportError(`${o.labels}: '${stem}' is labelled but has no image in ${o.images}`);

  const raterSets = o.raterMaps ? await readRaterMaps(o.raterMaps, new Set(stems)) : null;
  const ceilingResult = raterSets
    ? splitHalfCeiling(stems.flatMap((stem) => (raterSets.has(stem) ? [{ stem, raters: raterSets.get(stem)! }] : [])))
    : null;
  if (ceilingResult && !(ceilingResult.value > 0)) {
    throw new ImportError(
      `the split-half ceiling is ${ceilingResult.value.toFixed(5)} (raters disagree): not usable as a divisor; import without --rater-maps for a raw mean ρ`,
    );
  }

  await mkdir(path.dirname(out), { recursive: true });
  const tmp = `${out}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(tmp);
  try {
    let writer: TFRecordWriter | undefined;
    for (let i = 0; i < stems.length; i++) {
      const stem = stems[i];
      const image = readImage(images.get(stem)!, await readInput(images.get(stem)!));
      const map = readMap(maps.get(stem)!, await readInput(maps.get(stem)!));
      if (i % o.shardSize === 0) {
        await writer?.close();
        writer = await TFRecordWriter.open(path.join(tmp, shardName(i / o.shardSize)));
      }
      await writer!.write(
        encodeClickMeRecord({ image, heatmap: encodeGreyJpeg(map, SIZE, SIZE, IMPORT_JPEG_QUALITY), label: labels.get(stem)! }),
      );
      o.onImage?.(i + 1, stems.length);
    }
    await writer?.close();
    const fp = await fingerprintDataset(tmp);
    const { manifest, placeholders } = buildManifest(o, fp, ceilingResult);
    const check = parseBenchmarkManifest(manifest, path.join(out, "manifest.json"), {
      reservedIds: BUILT_IN_BENCHMARKS.map((b) => b.id),
      sha256Hex: (t) => createHash("sha256").update(t).digest("hex"),
    });
    if (!check.ok) throw new ImportError(check.error);
    await writeFile(path.join(tmp, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
    if (await exists(out)) {
      const old = `${out}.old-${process.pid}-${Date.now()}`;
      await rename(out, old);
      await rename(tmp, out);
      await rm(old, { recursive: true, force: true });
    } else await rename(tmp, out);
    return { manifest, out, ceiling: ceilingResult, placeholders };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** DIR/<stem>/<rater>.(png|npy): every rater map of every image, read as the maps are. */
async function readRaterMaps(dir: string, stems: Set<string>): Promise<Map<string, Uint8Array[]>> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new ImportError(`rater maps directory ${dir} cannot be read: ${(err as Error).message}`);
  }
  const out = new Map<string, Uint8Array[]>();
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith(".")) continue;
    const sub = path.join(dir, e.name);
    if (!e.isDirectory()) throw new ImportError(`${sub}: expected a folder per image (${dir}/<stem>/<rater>.png or .npy)`);
    if (!stems.has(e.name)) throw new ImportError(`${sub}: no image with the stem '${e.name}'`);
    const files = await filesByStem(sub, MAP_EXTENSIONS, "rater map");
    const maps: Uint8Array[] = [];
    for (const file of files.values()) maps.push(readMap(file, await readInput(file)));
    out.set(e.name, maps);
  }
  if (!out.size) throw new ImportError(`rater maps directory ${dir} holds no <stem>/ folders`);
  return out;
}

function buildManifest(
  o: ImportOptions,
  fp: Awaited<ReturnType<typeof fingerprintDataset>>,
  split: SplitHalfCeiling | null,
): { manifest: BenchmarkManifest; placeholders: string[] } {
  const meta = o.meta ?? {};
  const placeholders: string[] = [];
  const given = <T>(field: string, v: T | undefined, fallback: T): T => {
    if (v !== undefined) return v;
    placeholders.push(field);
    return fallback;
  };
  const ceiling: ManifestCeiling = split
    ? {
        kind: "split-half",
        value: round(split.value),
        images: split.images,
        splits: split.splits,
        seed: split.seed,
        uncorrected: round(split.uncorrected),
      }
    : o.ceiling
      ? { kind: "published", value: o.ceiling.value, source: o.ceiling.source }
      : { kind: "none" };
  const title = o.title ?? meta.title ?? o.id;
  const date = (o.now ?? (() => new Date()))().toISOString().slice(0, 10);
  return {
    placeholders,
    manifest: {
      format: MANIFEST_FORMAT,
      id: o.id,
      version: o.version,
      title,
      summary: given("summary", meta.summary, `Human importance maps (${fp.nImages} images) scored by the ClickMe protocol.`),
      protocol: meta.protocol ?? [],
      classes: {
        count: o.numClasses,
        space: meta.classes?.space ?? (o.numClasses === 1000 ? "ImageNet-1k" : `${o.numClasses} classes`),
        ...(meta.classes?.names ? { names: meta.classes.names } : {}),
      },
      ceiling,
      dataset: {
        name: meta.dataset?.name ?? title,
        description: given(
          "dataset.description",
          meta.dataset?.description,
          "Images with human importance maps, imported by data:import-maps.",
        ),
        source: given("dataset.source", meta.dataset?.source, "not stated"),
        imagesShown: meta.dataset?.imagesShown ?? false,
      },
      licence: given("licence", meta.licence, "not stated"),
      citation: given("citation", meta.citation, { text: "not stated", bibtex: "@misc{notstated}", url: "https://example.org/not-stated" }),
      changelog: meta.changelog ?? [{ version: o.version, date, change: `Imported by data:import-maps (${fp.nImages} images).` }],
      comparableWithPaper: meta.comparableWithPaper ?? false,
      shards: fp.shards,
      sha256: fp.sha256,
      nImages: fp.nImages,
      importer: {
        tool: "data:import-maps",
        jpegQuality: IMPORT_JPEG_QUALITY,
        images: path.basename(path.resolve(o.images)),
        maps: path.basename(path.resolve(o.maps)),
        labels: path.basename(o.labels),
        ...(o.raterMaps ? { raterMaps: path.basename(path.resolve(o.raterMaps)) } : {}),
      },
    },
  };
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
