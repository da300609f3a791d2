import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import busboy from "busboy";
import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/types/model-limits";
import { sanitizeFilename } from "@/lib/uploads/filename";

export type ReceivedFile = { fieldName: string; filename: string; path: string; bytes: number; sha256: string };
export type ReceivedUpload = { fields: Record<string, string>; files: ReceivedFile[]; cleanup(): Promise<void> };
export type MultipartOptions = { tmpRoot: string; maxBytes: number; maxFiles: number; fields: string[] };

export const MAX_FIELD_BYTES = 64 * 1024;
// Multipart boundaries and part headers add a little to the file bytes; more than this is not a form we sent.
export const FORM_OVERHEAD_BYTES = 1024 * 1024;

const invalid = (message: string) => new AppError("invalid_upload", message);
const tooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", `the upload is larger than ${formatBytes(maxBytes)}, the most allowed`);

/** Hashes and counts one file's bytes as they pass, and enforces the cap on all files together. */
class Meter extends Transform {
  bytes = 0;
  private hash = createHash("sha256");
  sha256 = "";

  constructor(
    private readonly total: { bytes: number },
    private readonly maxBytes: number,
  ) {
    super();
  }

  _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    this.total.bytes += chunk.length;
    if (this.total.bytes > this.maxBytes) return done(tooLarge(this.maxBytes));
    this.hash.update(chunk);
    done(null, chunk);
  }

  _flush(done: TransformCallback): void {
    this.sha256 = this.hash.digest("hex");
    done();
  }
}

function checkHeaders(req: Request, opts: MultipartOptions): string {
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data;/i.test(type))
    throw invalid(`the upload must be sent as multipart/form-data; got content-type '${type || "(none)"}'`);
  const length = Number(req.headers.get("content-length") ?? NaN);
  if (length > opts.maxBytes + FORM_OVERHEAD_BYTES) throw tooLarge(opts.maxBytes);
  if (!req.body) throw invalid("the upload has an empty body; send the model files as multipart/form-data");
  return type;
}

/**
 * Streams a multipart/form-data request to files under a fresh directory in `tmpRoot`, never holding a whole file in
 * memory. Only the text fields named in `fields` are accepted. Any failure removes every partial file before it throws.
 */
export async function receiveMultipartUpload(req: Request, opts: MultipartOptions): Promise<ReceivedUpload> {
  const contentType = checkHeaders(req, opts);
  const dir = await mkdtemp(path.join(opts.tmpRoot, "upload-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const source = Readable.fromWeb(req.body as unknown as NodeWebStream<Uint8Array>);
  const fields: Record<string, string> = {};
  const files: ReceivedFile[] = [];
  const writes: Promise<void>[] = [];
  // Aborting settles every file pipeline at once: a file stream that is merely destroyed, or no longer fed because
  // the body was unpiped, would leave its pipeline pending forever (and the request unanswered).
  const abort = new AbortController();
  const total = { bytes: 0 };
  let failure: unknown = null;

  const parsed = new Promise<void>((resolve, reject) => {
    const fail = (err: unknown) => {
      if (failure) return;
      failure = err;
      source.unpipe();
      source.destroy();
      abort.abort(err);
      reject(err);
    };
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: { "content-type": contentType },
        limits: { fileSize: opts.maxBytes, files: opts.maxFiles, fields: opts.fields.length, fieldSize: MAX_FIELD_BYTES, headerPairs: 64 },
      });
    } catch (err) {
      return fail(invalid(`the multipart content-type is malformed (${(err as Error).message})`));
    }
    bb.on("field", (name, value, info) => {
      if (!opts.fields.includes(name))
        return fail(invalid(`unexpected form field '${name}'; allowed fields: ${opts.fields.join(", ") || "(none)"}`));
      if (info.valueTruncated)
        return fail(new AppError("payload_too_large", `form field '${name}' is longer than ${formatBytes(MAX_FIELD_BYTES)}`));
      if (name in fields) return fail(invalid(`form field '${name}' is sent twice; send each field once`));
      fields[name] = value;
    });
    bb.on("file", (fieldName, stream, info) => {
      if (failure || !info.filename) return void stream.resume(); // browsers send filename="" for an empty file input
      const filename = sanitizeFilename(info.filename);
      const slot = writes.length;
      const filePath = path.join(dir, `${slot}-${filename}`);
      const meter = new Meter(total, opts.maxBytes);
      stream.on("limit", () => fail(tooLarge(opts.maxBytes)));
      writes.push(
        pipeline(stream, meter, createWriteStream(filePath, { flags: "wx", mode: 0o600 }), { signal: abort.signal }).then(
          () => void (files[slot] = { fieldName, filename, path: filePath, bytes: meter.bytes, sha256: meter.sha256 }),
          (err) => fail(err),
        ),
      );
    });
    bb.on("filesLimit", () => fail(new AppError("payload_too_large", `the upload has more than ${opts.maxFiles} files, the most allowed`)));
    bb.on("fieldsLimit", () =>
      fail(invalid(`the upload has more than ${opts.fields.length} form fields; allowed fields: ${opts.fields.join(", ") || "(none)"}`)),
    );
    bb.on("error", (err) => fail(invalid(`the multipart body is malformed or was cut off (${(err as Error).message})`)));
    bb.on("close", () => void Promise.all(writes).then(() => resolve(), fail));
    source.on("error", (err) => fail(invalid(`the upload stream failed before it ended (${err.message})`)));
    source.pipe(bb);
  });

  try {
    await parsed;
    if (!files.some(Boolean)) throw invalid("the upload has no file; attach the model files (or one .zip) as a file field");
  } catch (err) {
    await Promise.allSettled(writes);
    await cleanup();
    throw err instanceof AppError ? err : invalid(`the upload could not be received (${(err as Error).message})`);
  }
  return { fields, files: files.filter(Boolean), cleanup };
}
