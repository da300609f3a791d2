/**
 * A psychophysics split on disk: stimulus folders of PNGs named as stimulus-name.ts says, the human data
 * (data_for_zahra.npz, or a scripted curve in the manifest for the synthetic stand-in), and manifest.json, written
 * last, listing every file with its size. Stimuli are read in folder order, then file-name order (code units).
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { LEVEL_NAMES } from "@/lib/metrics/psychophysics";
import { parseStimulusName, type StimulusName } from "./stimulus-name";

export const MANIFEST_FORMAT = "psychophysics-stimuli";

export type ManifestFile = { name: string; bytes: number; md5?: string | null };
export type StimulusManifest = {
  format: typeof MANIFEST_FORMAT;
  source: string;
  /** sha256 over "name<TAB>bytes\n" of every file, names sorted. */
  sha256: string;
  files: ManifestFile[];
  /** Stimuli per folder and level, in LEVEL_NAMES order. */
  stimuli: { total: number; perFolder: Record<string, Record<string, number>> };
  /** Where the human curve comes from: the npz release, or (synthetic stand-in only) a scripted curve. */
  human: { file: string } | { scripted: number[]; note: string };
};

export type Stimulus = { index: number; folder: string; path: string; name: StimulusName; shard: string };

/** Every stimulus in split order; a PNG whose name does not parse is an error (it would silently drop a level). */
export async function listStimuli(dir: string): Promise<Stimulus[]> {
  const folders = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const out: Stimulus[] = [];
  for (const folder of folders) {
    const files = (await readdir(path.join(dir, folder))).filter((f) => f.toLowerCase().endsWith(".png")).sort();
    for (const file of files) {
      out.push({
        index: out.length,
        folder,
        path: path.join(dir, folder, file),
        name: parseStimulusName(file),
        shard: `${folder}/${file}`,
      });
    }
  }
  if (!out.length) throw new Error(`no stimulus PNGs in the folders of ${dir}`);
  return out;
}

export function countPerLevel(stimuli: Stimulus[]): StimulusManifest["stimuli"] {
  const perFolder: Record<string, Record<string, number>> = {};
  for (const s of stimuli) {
    perFolder[s.folder] ??= Object.fromEntries(LEVEL_NAMES.map((l) => [l, 0]));
    perFolder[s.folder][s.name.level] += 1;
  }
  return { total: stimuli.length, perFolder };
}

const filesDigest = (files: ManifestFile[]) =>
  createHash("sha256")
    .update(files.map((f) => `${f.name}\t${f.bytes}\n`).join(""))
    .digest("hex");

export async function stimulusManifest(
  dir: string,
  o: { source: string; files: ManifestFile[]; human?: StimulusManifest["human"] },
): Promise<StimulusManifest> {
  const files = [...o.files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const human = o.human ?? { file: "data_for_zahra.npz" };
  if ("file" in human && !files.some((f) => f.name === human.file))
    throw new Error(`the release has no ${human.file} (listed: ${files.length} files)`);
  return {
    format: MANIFEST_FORMAT,
    source: o.source,
    sha256: filesDigest(files),
    files,
    stimuli: countPerLevel(await listStimuli(dir)),
    human,
  };
}

export async function readStimulusManifest(dir: string): Promise<StimulusManifest> {
  let m: StimulusManifest;
  try {
    m = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8")) as StimulusManifest;
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
    throw new Error(
      missing ? "no manifest.json (a download or generation not finished?)" : `manifest.json unreadable: ${(err as Error).message}`,
    );
  }
  if (m.format !== MANIFEST_FORMAT || !Array.isArray(m.files) || !m.files.length)
    throw new Error(`manifest.json is not a ${MANIFEST_FORMAT} manifest with files`);
  return m;
}

/** The split's fingerprint for a worker's advert: every listed file present at its size, digest of the listing. */
export async function fingerprintStimulusSet(dir: string): Promise<string> {
  const m = await readStimulusManifest(dir);
  for (const f of m.files) {
    const rel = f.name.split("/");
    if (rel.some((p) => p === ".." || p === "")) throw new Error(`manifest.json names '${f.name}', not a file of the split`);
    const size = await stat(path.join(dir, ...rel)).then(
      (s) => s.size,
      () => null,
    );
    if (size === null) throw new Error(`${f.name} is listed in manifest.json but missing`);
    if (size !== f.bytes) throw new Error(`${f.name} has ${size} bytes; manifest.json says ${f.bytes}`);
  }
  if (filesDigest(m.files) !== m.sha256) throw new Error("manifest.json's sha256 does not match its file list");
  return createHash("sha256").update(`manifest\t${m.sha256}\n`).digest("hex");
}
