/**
 * A stored model's file listing (name, size, sha256 of each top-level file), as the worker protocol hands it out.
 * It is computed once, when the model is stored, and kept beside the files as `.files.json` (a dot-file: never
 * listed, never served), so claims do not hash the weights again; directories stored before it are listed on demand.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";

export type ArtifactFile = { name: string; bytes: number; sha256: string };

export const LISTING_FILE = ".files.json";

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The model's files (top level, no dot-files), sorted by name, each hashed. */
export async function listArtifactFiles(dir: string): Promise<ArtifactFile[]> {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      return { name, bytes: (await stat(file)).size, sha256: await sha256File(file) };
    }),
  );
}

/** Lists and hashes `dir` once and keeps the listing in it; called on the copy before it is renamed into place. */
export async function writeArtifactListing(dir: string): Promise<ArtifactFile[]> {
  const files = await listArtifactFiles(dir);
  await writeFile(path.join(dir, LISTING_FILE), JSON.stringify(files));
  return files;
}

const isListing = (v: unknown): v is ArtifactFile[] =>
  Array.isArray(v) &&
  v.every(
    (f) => typeof f?.name === "string" && Number.isInteger(f?.bytes) && typeof f?.sha256 === "string" && /^[0-9a-f]{64}$/.test(f.sha256),
  );

/** The stored listing; a directory without one (stored before listings were kept) is listed and hashed now. */
export async function readArtifactListing(dir: string): Promise<ArtifactFile[]> {
  const text = await readFile(path.join(dir, LISTING_FILE), "utf8").catch(() => null);
  if (text !== null) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (isListing(parsed)) return parsed;
    } catch {
      // unreadable listing: fall through and list the files themselves
    }
  }
  return listArtifactFiles(dir);
}
