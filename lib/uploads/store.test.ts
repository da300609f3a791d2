import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/models/weights-hash";
import { tinyLayersModel, writeModelDir } from "@/lib/uploads/fixtures/tiny-models";
import { storeModelArtifact } from "@/lib/uploads/store";

let root: string;
beforeAll(async () => void (root = await mkdtemp(path.join(os.tmpdir(), "store-"))));
afterAll(() => rm(root, { recursive: true, force: true }));

describe("storeModelArtifact", () => {
  it("stores model.json and the listed shards under the sha256 of canonical model.json + newline + weights", async () => {
    const model = tinyLayersModel({ shards: 2 });
    const src = await writeModelDir(path.join(root, "src"), { ...model, files: { ...model.files, "README.md": Buffer.from("hi") } });
    const store = path.join(root, "store");
    const { sha256, path: dir } = await storeModelArtifact(src, store);
    const expected = createHash("sha256")
      .update(`${canonicalJson(model.modelJson)}\n`)
      .update(model.files["group1-shard1of2.bin"])
      .update(model.files["group1-shard2of2.bin"])
      .digest("hex");
    expect(sha256).toBe(expected);
    expect(dir).toBe(path.join(store, "models", sha256));
    expect((await readdir(dir)).sort()).toEqual([".files.json", "group1-shard1of2.bin", "group1-shard2of2.bin", "model.json"]);
    expect(await readdir(path.join(store, "models"))).toEqual([sha256]);
  });

  it("is idempotent, ignores model.json formatting, and separates different weights", async () => {
    const model = tinyLayersModel();
    const store = path.join(root, "store2");
    const a = await storeModelArtifact(await writeModelDir(path.join(root, "a"), model), store);
    const pretty = await writeModelDir(path.join(root, "b"), model);
    await writeFile(path.join(pretty, "model.json"), JSON.stringify(model.modelJson, null, 2));
    const again = await Promise.all([storeModelArtifact(pretty, store), storeModelArtifact(pretty, store)]);
    expect(again.map((r) => r.sha256)).toEqual([a.sha256, a.sha256]);
    expect(await readFile(path.join(a.path, "model.json"), "utf8")).toBe(JSON.stringify(model.modelJson));
    model.files["group1-shard1of1.bin"][0] ^= 0xff;
    const c = await storeModelArtifact(await writeModelDir(path.join(root, "c"), model), store);
    expect(c.sha256).not.toBe(a.sha256);
    expect((await readdir(path.join(store, "models"))).sort()).toEqual([a.sha256, c.sha256].sort());
  });

  it("leaves no temp dir behind when a listed shard is missing", async () => {
    const model = tinyLayersModel();
    const src = await writeModelDir(path.join(root, "broken"), model);
    await rm(path.join(src, "group1-shard1of1.bin"));
    const store = path.join(root, "store3");
    await expect(storeModelArtifact(src, store)).rejects.toThrow(/ENOENT/);
    expect(await readdir(path.join(store, "models"))).toEqual([]);
  });
});
