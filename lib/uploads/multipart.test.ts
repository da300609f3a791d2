import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { sanitizeFilename } from "@/lib/uploads/filename";
import { receiveMultipartUpload } from "@/lib/uploads/multipart";

let root: string;
beforeAll(async () => void (root = await mkdtemp(path.join(os.tmpdir(), "multipart-"))));
afterAll(() => rm(root, { recursive: true, force: true }));
const opts = (tmpRoot: string, maxBytes = 1024 * 1024) => ({ tmpRoot, maxBytes, maxFiles: 3, fields: ["name", "description"] });

describe("receiveMultipartUpload", () => {
  it("streams files to disk with their size and sha256, keeps allowed fields, and cleans up on request", async () => {
    const tmpRoot = await mkdtemp(path.join(root, "ok-"));
    const a = randomBytes(200_000);
    const b = randomBytes(1234);
    const fd = new FormData();
    fd.append("name", "ResNet-50 (harmonized)");
    fd.append("weights", new Blob([a]), "../../etc/group1-shard1of2.bin");
    fd.append("weights", new Blob([b]), "C:\\Users\\me\\model .json");
    const upload = await receiveMultipartUpload(new Request("http://localhost/x", { method: "POST", body: fd }), opts(tmpRoot));
    expect(upload.fields).toEqual({ name: "ResNet-50 (harmonized)" });
    expect(upload.files.map((f) => [f.fieldName, f.filename, f.bytes])).toEqual([
      ["weights", "group1-shard1of2.bin", 200_000],
      ["weights", "model_.json", 1234],
    ]);
    expect(upload.files[0].sha256).toBe(createHash("sha256").update(a).digest("hex"));
    expect((await readFile(upload.files[1].path)).equals(b)).toBe(true);
    expect(upload.files.every((f) => f.path.startsWith(tmpRoot + path.sep))).toBe(true);
    await upload.cleanup();
    expect(await readdir(tmpRoot)).toEqual([]);
  });

  it("stops reading an oversized stream early instead of buffering it", async () => {
    const tmpRoot = await mkdtemp(path.join(root, "big-"));
    const boundary = "----gate";
    const chunk = randomBytes(64 * 1024);
    let pulled = 0;
    const total = 256 * 1024 * 1024;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="m.zip"\r\n\r\n`));
      },
      pull(c) {
        if (pulled >= total) return c.close();
        pulled += chunk.length;
        c.enqueue(chunk);
      },
    });
    const req = new Request("http://localhost/x", {
      method: "POST",
      body,
      duplex: "half",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    } as RequestInit);
    const err = await receiveMultipartUpload(req, opts(tmpRoot, 1024 * 1024)).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("payload_too_large");
    expect(pulled).toBeLessThan(8 * 1024 * 1024);
    expect(await readdir(tmpRoot)).toEqual([]);
  });

  it("rejects a declared content-length over the cap before reading the body", async () => {
    const tmpRoot = await mkdtemp(path.join(root, "len-"));
    const req = new Request("http://localhost/x", {
      method: "POST",
      body: "x",
      headers: { "content-type": "multipart/form-data; boundary=a", "content-length": String(50 * 1024 * 1024) },
    });
    await expect(receiveMultipartUpload(req, opts(tmpRoot))).rejects.toMatchObject({ code: "payload_too_large" });
    expect(await readdir(tmpRoot)).toEqual([]);
  });
});

describe("sanitizeFilename", () => {
  it.each([
    ["model.json", "model.json"],
    ["../../evil.sh", "evil.sh"],
    ["a\\b\\c.bin", "c.bin"],
    [".bashrc", "bashrc"],
    ["..", "upload"],
    ["", "upload"],
    ["ça va?.bin", "a_va_.bin"],
    ["x".repeat(300) + ".bin", "x".repeat(96) + ".bin"],
    ["a\u0000b", "a_b"],
  ])("%j → %j", (input, expected) => expect(sanitizeFilename(input)).toBe(expected));
});
