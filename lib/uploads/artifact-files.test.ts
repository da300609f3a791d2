import { createHash } from "node:crypto";
import { appendFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LISTING_FILE, readArtifactListing, writeArtifactListing } from "./artifact-files";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe("a stored model's file listing", () => {
  it("is computed once when stored and read back without hashing again; without it the files are listed", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "artifact-files-"));
    dirs.push(dir);
    const a = Buffer.from("model bytes");
    const b = Buffer.alloc(70_000, 7);
    await writeFile(path.join(dir, "model.onnx"), a);
    await writeFile(path.join(dir, "model.onnx.data"), b);
    const expected = [
      { name: "model.onnx", bytes: a.length, sha256: sha(a) },
      { name: "model.onnx.data", bytes: b.length, sha256: sha(b) },
    ];
    expect(await writeArtifactListing(dir)).toEqual(expected);
    // The stored listing is what a claim reads: changing a file afterwards does not change it (nothing is re-hashed).
    await appendFile(path.join(dir, "model.onnx"), "x");
    expect(await readArtifactListing(dir)).toEqual(expected);
    // A directory stored before listings were kept (or with a damaged one) is listed and hashed on demand.
    await writeFile(path.join(dir, LISTING_FILE), '[{"name":1}]');
    expect((await readArtifactListing(dir))[0]).toEqual({
      name: "model.onnx",
      bytes: a.length + 1,
      sha256: sha(Buffer.concat([a, Buffer.from("x")])),
    });
    await rm(path.join(dir, LISTING_FILE));
    expect((await readArtifactListing(dir)).map((f) => f.name)).toEqual(["model.onnx", "model.onnx.data"]);
  });
});
