import yauzl, { type Entry } from "yauzl";
import { AppError } from "@/lib/errors";
import { formatBytes, type ModelLimits } from "@/lib/types/model-limits";
import { unsafePathReason } from "@/lib/models/validate-path";

/** yauzl 3 API missing from @types/yauzl 2. */
export type RawEntry = Entry & { fileNameRaw: Buffer; versionMadeBy: number };
const getFileNameLowLevel = (yauzl as unknown as {
  getFileNameLowLevel(flag: number, raw: Buffer, extra: Entry["extraFields"], strict: boolean): string;
}).getFileNameLowLevel;

// A tiny, highly compressible file is harmless; the ratio guard matters only once the output is large.
export const RATIO_CHECK_MIN_BYTES = 1024 * 1024;
const ARCHIVE_EXTENSIONS = [".zip", ".jar", ".tar", ".tgz", ".gz", ".bz2", ".xz", ".zst", ".7z", ".rar"];
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

export const invalid = (message: string) => new AppError("invalid_upload", message);
export const tooLarge = (message: string) => new AppError("payload_too_large", message);

export type CheckedEntry = { name: string; isDirectory: boolean };

/** Decodes and vets one central-directory entry before any byte of it is extracted. */
export function checkEntry(entry: RawEntry, limits: ModelLimits): CheckedEntry {
  const raw = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
  const isDirectory = raw.endsWith("/");
  const name = isDirectory ? raw.slice(0, -1) : raw;
  const reason = unsafePathReason(name);
  if (reason) throw invalid(`zip entry '${raw}' ${reason}; entries must be relative paths inside the archive`);
  const fileType = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (fileType === S_IFLNK) throw invalid(`zip entry '${raw}' is a symbolic link; only regular files and folders are allowed`);
  if (fileType !== 0 && fileType !== 0o100000 && fileType !== 0o040000)
    throw invalid(`zip entry '${raw}' is a special file (mode ${fileType.toString(8)}); only regular files and folders are allowed`);
  if (entry.isEncrypted()) throw invalid(`zip entry '${raw}' is encrypted; upload an unencrypted zip`);
  if (isDirectory) return { name, isDirectory };
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
    throw invalid(`zip entry '${raw}' uses compression method ${entry.compressionMethod}; only stored (0) and deflate (8) are supported`);
  if (ARCHIVE_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext)))
    throw invalid(`zip entry '${raw}' is an archive inside the archive; upload one zip holding model.json and its .bin files`);
  if (entry.uncompressedSize > limits.maxFileBytes)
    throw tooLarge(`zip entry '${raw}' is ${formatBytes(entry.uncompressedSize)} uncompressed; each file may be at most ${formatBytes(limits.maxFileBytes)}`);
  checkRatio(raw, entry.uncompressedSize, entry.compressedSize, limits);
  return { name, isDirectory };
}

export function checkRatio(raw: string, uncompressed: number, compressed: number, limits: ModelLimits): void {
  if (uncompressed > RATIO_CHECK_MIN_BYTES && uncompressed / Math.max(compressed, 1) > limits.maxCompressionRatio)
    throw tooLarge(
      `zip entry '${raw}' expands ${Math.round(uncompressed / Math.max(compressed, 1))}× (a zip bomb?); at most ${limits.maxCompressionRatio}× is allowed for files over ${formatBytes(RATIO_CHECK_MIN_BYTES)}`);
}

/** Tracks names so that no two entries land on the same path and no file sits where a folder must be. */
export class EntryNames {
  private files = new Set<string>();
  private dirs = new Set<string>();

  add(entry: CheckedEntry, raw: string): void {
    const { name, isDirectory } = entry;
    if (this.files.has(name) || (isDirectory ? false : this.dirs.has(name)))
      throw invalid(`zip entry '${raw}' appears twice in the archive (or is both a file and a folder); entry names must be unique`);
    const parts = name.split("/");
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join("/");
      if (this.files.has(parent)) throw invalid(`zip entry '${raw}' lies inside '${parent}', which is a file; entry names must not conflict`);
      this.dirs.add(parent);
    }
    (isDirectory ? this.dirs : this.files).add(name);
  }

  get fileCount(): number {
    return this.files.size;
  }

  get dirCount(): number {
    return this.dirs.size;
  }
}
