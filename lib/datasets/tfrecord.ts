/**
 * TFRecord framing: uint64 length (LE), uint32 masked crc32c(length bytes), data, uint32 masked crc32c(data).
 * The reader streams the file and verifies both checksums of every record, throwing on the first failure.
 */
import { createReadStream } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { maskedCrc32c } from "./tfrecord-crc";

export { maskedCrc32c, crc32c } from "./tfrecord-crc";

/** Refuse absurd lengths (a corrupt header that happens to pass its CRC is unlikely, but memory is finite). */
const MAX_RECORD_BYTES = 1 << 30;
const HEADER_BYTES = 12;
const FOOTER_BYTES = 4;

export class TFRecordCorruptError extends Error {
  readonly file: string;
  readonly recordIndex: number;
  constructor(file: string, recordIndex: number, what: string) {
    super(`Corrupt TFRecord file ${file}, record ${recordIndex} (0-based): ${what}`);
    this.name = "TFRecordCorruptError";
    this.file = file;
    this.recordIndex = recordIndex;
  }
}

/** A FIFO of stream chunks that hands out exact byte counts, concatenating only when a read spans chunks. */
class ChunkQueue {
  private chunks: Buffer[] = [];
  private head = 0;
  available = 0;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.available += chunk.length;
  }

  take(n: number): Buffer {
    this.available -= n;
    const first = this.chunks[0];
    if (first.length - this.head >= n) {
      const out = first.subarray(this.head, this.head + n);
      this.head += n;
      if (this.head === first.length) {
        this.chunks.shift();
        this.head = 0;
      }
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const c = this.chunks[0];
      const m = Math.min(n - filled, c.length - this.head);
      c.copy(out, filled, this.head, this.head + m);
      filled += m;
      this.head += m;
      if (this.head === c.length) {
        this.chunks.shift();
        this.head = 0;
      }
    }
    return out;
  }
}

export async function* readTFRecords(file: string, opts: { chunkBytes?: number } = {}): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(file, { highWaterMark: opts.chunkBytes ?? 1 << 20 });
  const queue = new ChunkQueue();
  let index = 0;
  let dataLength = -1; // -1: waiting for a header
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      queue.push(chunk);
      for (;;) {
        if (dataLength < 0) {
          if (queue.available < HEADER_BYTES) break;
          dataLength = parseHeader(queue.take(HEADER_BYTES), file, index);
        }
        if (queue.available < dataLength + FOOTER_BYTES) break;
        const data = new Uint8Array(queue.take(dataLength)); // a copy: callers may keep it
        const expected = queue.take(FOOTER_BYTES).readUInt32LE(0);
        if (maskedCrc32c(data) !== expected) throw new TFRecordCorruptError(file, index, "data crc mismatch");
        yield data;
        index++;
        dataLength = -1;
      }
    }
  } finally {
    stream.destroy();
  }
  if (dataLength >= 0 || queue.available > 0) {
    const what =
      dataLength >= 0
        ? `truncated: the file ends ${queue.available} bytes into a record of ${dataLength} data bytes`
        : `truncated: the file ends inside a record header (${queue.available} of ${HEADER_BYTES} bytes)`;
    throw new TFRecordCorruptError(file, index, what);
  }
}

function parseHeader(header: Buffer, file: string, index: number): number {
  const lengthBytes = header.subarray(0, 8);
  if (maskedCrc32c(lengthBytes) !== header.readUInt32LE(8)) {
    throw new TFRecordCorruptError(file, index, "length crc mismatch");
  }
  const length = header.readBigUInt64LE(0);
  if (length > BigInt(MAX_RECORD_BYTES)) {
    throw new TFRecordCorruptError(file, index, `record length ${length} exceeds the ${MAX_RECORD_BYTES}-byte limit`);
  }
  return Number(length);
}

/** Frames one record: header, data and footer in one buffer so it is written with a single call. */
export function frameRecord(data: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(HEADER_BYTES + data.length + FOOTER_BYTES);
  out.writeBigUInt64LE(BigInt(data.length), 0);
  out.writeUInt32LE(maskedCrc32c(out.subarray(0, 8)), 8);
  out.set(data, HEADER_BYTES);
  out.writeUInt32LE(maskedCrc32c(data), HEADER_BYTES + data.length);
  return out;
}

export class TFRecordWriter {
  private closed = false;
  private constructor(
    private readonly handle: FileHandle,
    readonly file: string,
  ) {}

  static async open(file: string): Promise<TFRecordWriter> {
    return new TFRecordWriter(await open(file, "w"), file);
  }

  async write(data: Uint8Array): Promise<void> {
    if (this.closed) throw new Error(`TFRecordWriter for ${this.file} is closed`);
    const framed = frameRecord(data);
    let written = 0;
    while (written < framed.length) {
      const { bytesWritten } = await this.handle.write(framed, written, framed.length - written);
      written += bytesWritten;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.sync();
    await this.handle.close();
  }
}
