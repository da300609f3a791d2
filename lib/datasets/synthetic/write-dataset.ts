/**
 * Writes a synthetic ClickMe-format split: shards val-0 … val-K of up to `shardSize` records, plus
 * manifest.json. Everything goes to a temporary sibling directory that is renamed into place at the end,
 * so an interrupted run never leaves a half-written dataset under the final name.
 */
import { encode as encodeJpeg } from "jpeg-js";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fingerprintDataset, shardName, type DatasetFingerprint } from "../clickme-shards";
import { encodeClickMeRecord } from "../clickme-record";
import { TFRecordWriter } from "../tfrecord";
import { SYNTHETIC_CLASSES } from "./classes";
import { encodeGreyJpeg } from "./grey-jpeg";
import { renderScene, sampleSceneSpec, SCENE_SIZE, type Scene } from "./render-scene";
import { createRng, deriveSeed } from "./rng";

export const GENERATOR_ID = "clickme-synthetic";
/** Bump when the same (n, seed) would produce different bytes. */
export const GENERATOR_VERSION = 1;
export const JPEG_QUALITY = 90;
export const MAX_IMAGES = 1_000_000;

export type SyntheticManifest = {
  generator: string;
  version: number;
  seed: number;
  n: number;
  shardSize: number;
  jpegQuality: number;
  classes: { label: number; name: string }[];
  shards: DatasetFingerprint["shards"];
  sha256: string;
};

/** Where the scenes come from; its id, version and classes go into the manifest. */
export type SceneSource = {
  generator: string;
  version: number;
  classes: { label: number; name: string }[];
  scene(seed: number, index: number): Scene;
};

export type WriteOptions = {
  out: string;
  /** Default: the plain variant (`PLAIN_SCENES`). */
  source?: SceneSource;
  n: number;
  seed: number;
  shardSize?: number;
  force?: boolean;
  onImage?: (done: number) => void;
};

export function generateScene(seed: number, index: number): Scene {
  const rng = createRng(deriveSeed(seed, index));
  return renderScene(rng, sampleSceneSpec(rng));
}

export const PLAIN_SCENES: SceneSource = {
  generator: GENERATOR_ID,
  version: GENERATOR_VERSION,
  classes: SYNTHETIC_CLASSES.map(({ label, name }) => ({ label, name })),
  scene: generateScene,
};

export function encodeScene(scene: Scene): Uint8Array {
  const rgba = new Uint8Array(SCENE_SIZE * SCENE_SIZE * 4);
  for (let p = 0, q = 0; p < scene.image.length; p += 3, q += 4) {
    rgba[q] = scene.image[p];
    rgba[q + 1] = scene.image[p + 1];
    rgba[q + 2] = scene.image[p + 2];
    rgba[q + 3] = 255;
  }
  const image = encodeJpeg({ data: rgba, width: SCENE_SIZE, height: SCENE_SIZE }, JPEG_QUALITY).data;
  const heatmap = encodeGreyJpeg(scene.heatmap, SCENE_SIZE, SCENE_SIZE, JPEG_QUALITY);
  return encodeClickMeRecord({ image: new Uint8Array(image), heatmap, label: scene.label });
}

function validate(o: WriteOptions): number {
  if (!Number.isInteger(o.n) || o.n < 1 || o.n > MAX_IMAGES) throw new RangeError(`n must be an integer in 1..${MAX_IMAGES}, got ${o.n}`);
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer in 0..4294967295, got ${o.seed}`);
  }
  const shardSize = o.shardSize ?? 100;
  if (!Number.isInteger(shardSize) || shardSize < 1) throw new RangeError(`shardSize must be a positive integer, got ${shardSize}`);
  return shardSize;
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

export async function writeSyntheticDataset(o: WriteOptions): Promise<SyntheticManifest> {
  const shardSize = validate(o);
  const source = o.source ?? PLAIN_SCENES;
  const out = path.resolve(o.out);
  if (!o.force && (await exists(out))) throw new Error(`${out} already exists; pass --force to replace it`);
  await mkdir(path.dirname(out), { recursive: true });
  const tmp = `${out}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(tmp);
  try {
    let writer: TFRecordWriter | undefined;
    for (let i = 0; i < o.n; i++) {
      if (i % shardSize === 0) {
        await writer?.close();
        writer = await TFRecordWriter.open(path.join(tmp, shardName(i / shardSize)));
      }
      await writer!.write(encodeScene(source.scene(o.seed, i)));
      o.onImage?.(i + 1);
    }
    await writer?.close();
    const fp = await fingerprintDataset(tmp);
    const manifest: SyntheticManifest = {
      generator: source.generator,
      version: source.version,
      seed: o.seed,
      n: o.n,
      shardSize,
      jpegQuality: JPEG_QUALITY,
      classes: source.classes,
      shards: fp.shards,
      sha256: fp.sha256,
    };
    await writeFile(path.join(tmp, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
    await replaceDir(tmp, out);
    return manifest;
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** Renames tmp onto out; an existing out is moved aside first and removed only after the swap. */
async function replaceDir(tmp: string, out: string): Promise<void> {
  if (!(await exists(out))) return rename(tmp, out);
  const old = `${out}.old-${process.pid}-${Date.now()}`;
  await rename(out, old);
  await rename(tmp, out);
  await rm(old, { recursive: true, force: true });
}
