import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl, { type ZipFile } from "yauzl";
import { AppError } from "@/lib/errors";
import { DEFAULT_MODEL_LIMITS, formatBytes, type ModelLimits } from "@/lib/types/model-limits";
import { EntryNames, RATIO_CHECK_MIN_BYTES, checkEntry, checkRatio, invalid, tooLarge, type RawEntry } from "@/lib/models/zip-entry";

type YauzlZip = ZipFile & { eachEntry(): AsyncIterable<RawEntry> };
const ZIP_MAGIC = [Buffer.from("PK\x03\x04", "latin1"), Buffer.from("PK\x05\x06", "latin1")];

function openZip(zipPath: string): Promise<YauzlZip> {
  return new Promise((resolve, reject) => {
    const options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true };
    yauzl.open(zipPath, options, (err, zip) => {
      if (err || !zip) reject(invalid(`the upload is not a readable zip archive (${err?.message ?? "no archive"}); upload a .zip file`));
      else resolve(zip as YauzlZip);
    });
  });
}

function openEntryStream(zip: ZipFile, entry: RawEntry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream))));
}

/** Counts bytes as they stream, enforcing the limits on the real output rather than on the headers' claims. */
class ExtractionGuard extends Transform {
  bytes = 0;
  private head = Buffer.alloc(0);

  constructor(
    private readonly raw: string, private readonly compressedSize: number,
    private readonly limits: ModelLimits, private readonly total: { bytes: number },
  ) {
    super();
  }

  _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      if (this.head.length < 4) {
        this.head = Buffer.concat([this.head, chunk.subarray(0, 4)]).subarray(0, 4);
        if (this.head.length === 4 && ZIP_MAGIC.some((m) => m.equals(this.head)))
          throw invalid(`zip entry '${this.raw}' is itself a zip archive; upload one zip holding model.json and its .bin files`);
      }
      this.bytes += chunk.length;
      this.total.bytes += chunk.length;
      if (this.bytes > this.limits.maxFileBytes)
        throw tooLarge(`zip entry '${this.raw}' expands past ${formatBytes(this.limits.maxFileBytes)}; each file may be at most that`);
      if (this.total.bytes > this.limits.maxTotalBytes)
        throw tooLarge(`the archive expands past ${formatBytes(this.limits.maxTotalBytes)} in total, the most allowed`);
      checkRatio(this.raw, this.bytes, this.compressedSize, this.limits);
      done(null, chunk);
    } catch (err) {
      done(err as Error);
    }
  }
}

function asUploadError(err: unknown, raw: string): AppError {
  if (err instanceof AppError) return err;
  const message = (err as Error).message ?? String(err);
  return invalid(`zip entry '${raw}' could not be extracted (${message}); the archive is corrupt or its headers lie about sizes`);
}

type PlannedEntry = { entry: RawEntry; raw: string; name: string; isDirectory: boolean };

/** A local file header is 30 bytes plus its name; the compressed data follows (the local extra field is extra). */
const LOCAL_HEADER_BYTES = 30;

/**
 * The whole central directory, vetted before any byte is extracted: names, per-entry sizes and ratios, the
 * archive's total and overall ratio, and entries whose data overlap (several entries sharing one compressed
 * stream make a few KiB expand into gigabytes while every entry looks harmless on its own).
 */
async function planEntries(zip: YauzlZip, limits: ModelLimits): Promise<PlannedEntry[]> {
  if (zip.entryCount === 0) throw invalid("the zip archive is empty; it must hold model.json and its .bin weight files");
  if (zip.entryCount > 2 * limits.maxFiles)
    throw tooLarge(`the archive has ${zip.entryCount} entries; at most ${limits.maxFiles} files are allowed`);
  const names = new EntryNames();
  const planned: PlannedEntry[] = [];
  let uncompressed = 0;
  let compressed = 0;
  for await (const entry of zip.eachEntry()) {
    const raw = entry.fileNameRaw.toString("utf8");
    const checked = checkEntry(entry, limits);
    names.add(checked, raw);
    if (names.fileCount > limits.maxFiles || names.dirCount > limits.maxFiles)
      throw tooLarge(`the archive has more than ${limits.maxFiles} files or folders; at most ${limits.maxFiles} are allowed`);
    uncompressed += entry.uncompressedSize;
    compressed += entry.compressedSize;
    planned.push({ entry, raw, ...checked });
  }
  if (uncompressed > limits.maxTotalBytes)
    throw tooLarge(`the archive expands to ${formatBytes(uncompressed)}; at most ${formatBytes(limits.maxTotalBytes)} in total are allowed`);
  if (uncompressed > RATIO_CHECK_MIN_BYTES && uncompressed / Math.max(compressed, 1) > limits.maxCompressionRatio)
    throw tooLarge(
      `the archive expands ${Math.round(uncompressed / Math.max(compressed, 1))}× as a whole (a zip bomb?); at most ${limits.maxCompressionRatio}× is allowed`);
  const byOffset = [...planned].sort((a, b) => a.entry.relativeOffsetOfLocalHeader - b.entry.relativeOffsetOfLocalHeader);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1];
    const prevEnd = prev.entry.relativeOffsetOfLocalHeader + LOCAL_HEADER_BYTES + prev.entry.fileNameLength + prev.entry.compressedSize;
    if (byOffset[i].entry.relativeOffsetOfLocalHeader < prevEnd)
      throw invalid(`zip entries '${prev.raw}' and '${byOffset[i].raw}' overlap in the archive (a zip bomb?); each entry must have its own data`);
  }
  return planned;
}

async function extractEntries(zip: YauzlZip, tempDir: string, limits: ModelLimits): Promise<string[]> {
  const total = { bytes: 0 };
  const extracted: string[] = [];
  let raw = "(archive)";
  try {
    for (const planned of await planEntries(zip, limits)) {
      raw = planned.raw;
      const target = path.join(tempDir, planned.name);
      if (!target.startsWith(tempDir + path.sep)) throw invalid(`zip entry '${raw}' points outside the archive`);
      if (planned.isDirectory) {
        await mkdir(target, { recursive: true });
        continue;
      }
      await mkdir(path.dirname(target), { recursive: true });
      const guard = new ExtractionGuard(raw, planned.entry.compressedSize, limits, total);
      await pipeline(await openEntryStream(zip, planned.entry), guard, createWriteStream(target, { flags: "wx", mode: 0o600 }));
      extracted.push(planned.name);
    }
  } catch (err) {
    throw asUploadError(err, raw);
  }
  return extracted;
}

/**
 * Extracts an untrusted zip into `destDir` (which must not exist yet) and returns the extracted file paths, relative
 * and '/'-separated. Everything goes to a fresh sibling temp dir that is renamed into place only on success, so a
 * rejected archive leaves nothing behind.
 */
export async function extractZipSafely(zipPath: string, destDir: string, limits: ModelLimits = DEFAULT_MODEL_LIMITS): Promise<string[]> {
  const parent = path.dirname(path.resolve(destDir));
  const tempDir = await mkdtemp(path.join(parent, ".extract-"));
  let zip: YauzlZip | undefined;
  try {
    zip = await openZip(zipPath);
    const files = await extractEntries(zip, tempDir, limits);
    zip.close();
    await rename(tempDir, destDir);
    return files.sort();
  } catch (err) {
    zip?.close();
    await rm(tempDir, { recursive: true, force: true });
    throw err;
  }
}
