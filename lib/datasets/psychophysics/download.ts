/**
 * Downloads the psychophysics release (data_for_zahra.npz and the stimulus folders) from the Serre lab's public GCS
 * bucket. The object names are not assumed: the bucket prefix is listed through the JSON API (pageToken paging), and
 * every listed object is fetched resumably into `.part`, checked against the listing's size and MD5, then renamed into
 * place; a file already there with the listed size and MD5 is kept. Finishes with DIR/manifest.json.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fetchToPart, type ShardProgress } from "../download-shard";
import { stimulusManifest, type StimulusManifest } from "./stimulus-set";

export const GCS_BASE_URL = "https://storage.googleapis.com";
export const PSYCHOPHYSICS_BUCKET = "serrelab";
export const PSYCHOPHYSICS_PREFIX = "prj_harmonization/dataset/psychophysics/clicktionary/";

export type ListedObject = { name: string; size: number; md5: string | null };

export type PsychophysicsDownloadOptions = {
  outDir: string;
  /** Both the JSON listing (`<base>/storage/v1/b/<bucket>/o`) and the objects (`<base>/<bucket>/<name>`) live here. */
  baseUrl?: string;
  bucket?: string;
  prefix?: string;
  retries?: number;
  retryDelayMs?: number;
  idleTimeoutMs?: number;
  onListed?: (objects: ListedObject[]) => void;
  onFileStart?: (name: string, size: number) => ShardProgress | undefined;
  onFileDone?: (file: { name: string; bytes: number; alreadyPresent: boolean }) => void;
};

async function getJson(url: string, retries: number, delayMs: number): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(url);
      if (!res.ok) {
        const err = new Error(`GET ${url} answered HTTP ${res.status}`);
        if (res.status < 500 && res.status !== 429) throw Object.assign(err, { permanent: true });
        throw err;
      }
      return await res.json();
    } catch (err) {
      if ((err as { permanent?: boolean }).permanent || attempt >= retries) throw err;
      await new Promise((r) => setTimeout(r, delayMs * (attempt + 1)));
    }
  }
}

/** Every object under the prefix, following nextPageToken; folder placeholders (names ending in /) are skipped. */
export async function listBucketPrefix(o: {
  baseUrl: string;
  bucket: string;
  prefix: string;
  retries: number;
  retryDelayMs: number;
}): Promise<ListedObject[]> {
  const objects: ListedObject[] = [];
  let pageToken: string | undefined;
  do {
    const url = new URL(`${o.baseUrl.replace(/\/$/, "")}/storage/v1/b/${encodeURIComponent(o.bucket)}/o`);
    url.searchParams.set("prefix", o.prefix);
    url.searchParams.set("fields", "nextPageToken,items(name,size,md5Hash)");
    if (pageToken) url.searchParams.set("pageToken", pageToken);
    const page = (await getJson(url.href, o.retries, o.retryDelayMs)) as {
      items?: { name?: unknown; size?: unknown; md5Hash?: unknown }[];
      nextPageToken?: unknown;
    };
    for (const item of page.items ?? []) {
      if (typeof item.name !== "string" || !item.name.startsWith(o.prefix))
        throw new Error(`the listing returned '${String(item.name)}', outside ${o.prefix}`);
      if (item.name.endsWith("/")) continue;
      const size = Number(item.size);
      if (!Number.isSafeInteger(size) || size < 0) throw new Error(`the listing gives ${item.name} the size '${String(item.size)}'`);
      objects.push({ name: item.name, size, md5: typeof item.md5Hash === "string" ? item.md5Hash : null });
    }
    pageToken = typeof page.nextPageToken === "string" && page.nextPageToken ? page.nextPageToken : undefined;
  } while (pageToken);
  if (!objects.length) throw new Error(`nothing is listed under gs://${o.bucket}/${o.prefix}`);
  return objects;
}

/** The object's path under the output directory; names that would escape it are refused. */
export function localPath(outDir: string, prefix: string, name: string): string {
  const rel = name.slice(prefix.length);
  const parts = rel.split("/");
  if (!rel || parts.some((p) => p === "" || p === "." || p === "..") || path.isAbsolute(rel))
    throw new Error(`refusing the object name '${name}'`);
  return path.join(outDir, ...parts);
}

async function md5Base64(file: string): Promise<string> {
  const hash = createHash("md5");
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("base64");
}

async function matches(file: string, o: ListedObject): Promise<boolean> {
  const size = await stat(file).then(
    (s) => s.size,
    () => null,
  );
  return size === o.size && (o.md5 === null || (await md5Base64(file)) === o.md5);
}

export async function downloadPsychophysics(opts: PsychophysicsDownloadOptions): Promise<StimulusManifest> {
  const o = {
    baseUrl: GCS_BASE_URL,
    bucket: PSYCHOPHYSICS_BUCKET,
    prefix: PSYCHOPHYSICS_PREFIX,
    retries: 5,
    retryDelayMs: 2000,
    idleTimeoutMs: 60_000,
    ...opts,
  };
  if (!/^https?:\/\//.test(o.baseUrl)) throw new Error(`base URL must be http(s)://…, got '${o.baseUrl}'`);
  const objects = await listBucketPrefix(o);
  opts.onListed?.(objects);
  await mkdir(o.outDir, { recursive: true });
  for (const obj of objects) {
    const final = localPath(o.outDir, o.prefix, obj.name);
    if (await matches(final, obj)) {
      opts.onFileDone?.({ name: obj.name, bytes: obj.size, alreadyPresent: true });
      continue;
    }
    await mkdir(path.dirname(final), { recursive: true });
    const part = `${final}.part`;
    const url = `${o.baseUrl.replace(/\/$/, "")}/${o.bucket}/${obj.name.split("/").map(encodeURIComponent).join("/")}`;
    await fetchToPart(url, part, {
      retries: o.retries,
      retryDelayMs: o.retryDelayMs,
      idleTimeoutMs: o.idleTimeoutMs,
      onProgress: opts.onFileStart?.(obj.name, obj.size),
    });
    if (!(await matches(part, obj))) {
      await rm(part, { force: true });
      throw new Error(`${url} does not match the listing (size ${obj.size}${obj.md5 ? `, md5 ${obj.md5}` : ""}); the download was deleted`);
    }
    await rename(part, final);
    opts.onFileDone?.({ name: obj.name, bytes: obj.size, alreadyPresent: false });
  }
  const manifest = await stimulusManifest(o.outDir, {
    source: `${o.baseUrl}/${o.bucket}/${o.prefix}`,
    files: objects.map((obj) => ({ name: obj.name.slice(o.prefix.length), bytes: obj.size, md5: obj.md5 })),
  });
  await writeFile(path.join(o.outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
