// Every way a multipart body can go wrong while a file is being written, sent as raw bytes in one chunk and in
// 1-byte chunks: each must be answered at once with its own error and leave no temporary file behind.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppError } from "@/lib/errors";
import { receiveMultipartUpload } from "@/lib/uploads/multipart";

const BOUNDARY = "----raw-boundary";
const file = (name: string, bytes: number) =>
  `--${BOUNDARY}\r\ncontent-disposition: form-data; name="files"; filename="${name}"\r\ncontent-type: application/octet-stream\r\n\r\n${"x".repeat(bytes)}\r\n`;
const field = (name: string, value: string) => `--${BOUNDARY}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const END = `--${BOUNDARY}--\r\n`;

const CASES: { name: string; body: string; code: string; message: string }[] = [
  {
    name: "an unknown field after two files",
    body: file("a.bin", 3000) + file("b.bin", 3000) + field("bogus", "1") + END,
    code: "invalid_upload",
    message: "unexpected form field 'bogus'; allowed fields: name, description",
  },
  {
    name: "a field sent twice after a file",
    body: field("name", "a") + file("a.bin", 3000) + field("name", "b") + END,
    code: "invalid_upload",
    message: "form field 'name' is sent twice; send each field once",
  },
  {
    name: "an oversize field after a file",
    body: file("a.bin", 3000) + field("description", "d".repeat(70 * 1024)) + END,
    code: "payload_too_large",
    message: "form field 'description' is longer than 64 KiB",
  },
  {
    name: "more files than allowed",
    body: file("a", 2000) + file("b", 2000) + file("c", 2000) + file("d", 2000) + END,
    code: "payload_too_large",
    message: "the upload has more than 3 files, the most allowed",
  },
  {
    name: "a body cut off inside a file",
    body: file("a.bin", 3000) + file("b.bin", 3000).slice(0, -500),
    code: "invalid_upload",
    message: "the multipart body is malformed or was cut off",
  },
];

function request(body: string, chunkBytes: number): Request {
  const bytes = Buffer.from(body);
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (offset >= bytes.length) return c.close();
      c.enqueue(bytes.subarray(offset, offset + chunkBytes));
      offset += chunkBytes;
    },
  });
  return new Request("http://localhost/api/v1/submissions", {
    method: "POST",
    body: stream,
    duplex: "half",
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
  } as RequestInit);
}

let root: string;
beforeAll(async () => void (root = await mkdtemp(path.join(os.tmpdir(), "multipart-fail-"))));
afterAll(() => rm(root, { recursive: true, force: true }));

describe.each([
  ["one chunk", Infinity],
  ["1-byte chunks", 1],
])("multipart failures sent in %s", (_label, chunk) => {
  it.each(CASES)("$name: answered at once with its error, no file left", async ({ body, code, message }) => {
    const tmpRoot = await mkdtemp(path.join(root, "case-"));
    const opts = { tmpRoot, maxBytes: 1024 * 1024, maxFiles: 3, fields: ["name", "description"] };
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no answer within 5 s")), 5000));
    const started = Date.now();
    const err = (await Promise.race([receiveMultipartUpload(request(body, Math.min(chunk, body.length)), opts), timeout]).catch(
      (e: unknown) => e,
    )) as AppError;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(err.code).toBe(code);
    expect(err.message).toContain(message);
    expect(await readdir(tmpRoot)).toEqual([]);
  });
});
