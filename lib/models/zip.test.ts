import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildZip } from "@/lib/uploads/fixtures/zip-writer";
import { extractZipSafely } from "@/lib/models/zip";

let root: string;
beforeAll(async () => void (root = await mkdtemp(path.join(os.tmpdir(), "zip-"))));
afterAll(() => rm(root, { recursive: true, force: true }));

describe("extractZipSafely", () => {
  it("extracts stored and deflated files, folders included, byte for byte", async () => {
    const dir = await mkdtemp(path.join(root, "ok-"));
    const shard = randomBytes(300_000);
    const text = Buffer.from("hello ".repeat(1000));
    await writeFile(path.join(dir, "u.zip"), buildZip([
      { name: "model.json", data: Buffer.from("{}"), method: "store" },
      { name: "weights/", unixMode: 0o40755 },
      { name: "weights/group1-shard1of1.bin", data: shard },
      { name: "notes/readme.txt", data: text },
    ]));
    const files = await extractZipSafely(path.join(dir, "u.zip"), path.join(dir, "out"));
    expect(files).toEqual(["model.json", "notes/readme.txt", "weights/group1-shard1of1.bin"]);
    expect((await readFile(path.join(dir, "out/weights/group1-shard1of1.bin"))).equals(shard)).toBe(true);
    expect((await readFile(path.join(dir, "out/notes/readme.txt"))).equals(text)).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(["out", "u.zip"]);
  });

  it("lets small highly compressible files through (the ratio guard starts at 1 MiB)", async () => {
    const dir = await mkdtemp(path.join(root, "ratio-"));
    await writeFile(path.join(dir, "u.zip"), buildZip([{ name: "zeros.bin", data: Buffer.alloc(512 * 1024) }]));
    expect(await extractZipSafely(path.join(dir, "u.zip"), path.join(dir, "out"))).toEqual(["zeros.bin"]);
  });

  it("refuses to extract over a destination that already has files, and cleans its temp dir", async () => {
    const dir = await mkdtemp(path.join(root, "dest-"));
    await mkdir(path.join(dir, "out"));
    await writeFile(path.join(dir, "out", "keep.txt"), "mine");
    await writeFile(path.join(dir, "u.zip"), buildZip([{ name: "a.txt", data: Buffer.from("a") }]));
    await expect(extractZipSafely(path.join(dir, "u.zip"), path.join(dir, "out"))).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(["out", "u.zip"]);
    expect(await readdir(path.join(dir, "out"))).toEqual(["keep.txt"]);
  });
});

describe("extractZipSafely: limits on the archive as a whole, checked before extracting anything", () => {
  const refused = async (entries: Parameters<typeof buildZip>[0], limits?: Partial<import("@/lib/types/model-limits").ModelLimits>) => {
    const dir = await mkdtemp(path.join(root, "whole-"));
    await writeFile(path.join(dir, "u.zip"), buildZip(entries));
    const { DEFAULT_MODEL_LIMITS } = await import("@/lib/types/model-limits");
    const err = await extractZipSafely(path.join(dir, "u.zip"), path.join(dir, "out"), { ...DEFAULT_MODEL_LIMITS, ...limits }).catch((e: unknown) => e);
    expect((await readdir(dir)).sort()).toEqual(["u.zip"]);
    return err as { code: string; message: string };
  };

  it("refuses many small entries that expand 1000× together although none does alone", async () => {
    const entries = Array.from({ length: 40 }, (_, i) => ({ name: `part-${i}.bin`, data: Buffer.alloc(1024 * 1024) }));
    const err = await refused(entries);
    expect(err.code).toBe("payload_too_large");
    expect(err.message).toMatch(/^the archive expands \d+× as a whole \(a zip bomb\?\); at most 100× is allowed$/);
  });

  it("refuses an archive whose declared total exceeds the cap", async () => {
    const entries = Array.from({ length: 3 }, (_, i) => ({ name: `w${i}.bin`, data: randomBytes(1024 * 1024), method: "store" as const }));
    const err = await refused(entries, { maxTotalBytes: 2 * 1024 * 1024 });
    expect(err).toMatchObject({ code: "payload_too_large", message: "the archive expands to 3 MiB; at most 2 MiB in total are allowed" });
  });

  it("refuses entries that share one compressed stream", async () => {
    const err = await refused([
      { name: "model.json", data: Buffer.from("{}") },
      { name: "a.bin", data: Buffer.alloc(100_000) },
      { name: "b.bin", data: Buffer.alloc(100_000), sharesDataOf: 1 },
    ]);
    expect(err).toMatchObject({ code: "invalid_upload", message: "zip entries 'a.bin' and 'b.bin' overlap in the archive (a zip bomb?); each entry must have its own data" });
  });
});
