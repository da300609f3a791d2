import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseBenchmarkManifest, RAW_SCORE_LABEL, scoreLabel, shownCeiling } from "./manifest";
import { loadManifestDir, manifestsDir } from "./manifest-dir";
import { goodManifest } from "./testing/manifest-fixture";

const sha256Hex = (t: string) => createHash("sha256").update(t).digest("hex");
const parse = (raw: unknown) => parseBenchmarkManifest(raw, "/ops/benchmarks/x.json", { reservedIds: ["clickme", "synthetic"], sha256Hex });
const errorOf = (raw: unknown) => {
  const r = parse(raw);
  if (r.ok) throw new Error(`accepted: ${JSON.stringify(raw).slice(0, 300)}`);
  return r.error;
};

describe("parseBenchmarkManifest", () => {
  it("accepts a good manifest and makes a ClickMe-protocol registry entry of it", () => {
    const r = parse(goodManifest());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = r.definition;
    expect(d).toMatchObject({
      id: "clicktionary-test",
      version: 1,
      numClasses: 1000,
      classSpace: "ImageNet-1k",
      ceiling: 0.5,
      primaryMetric: "alignment",
    });
    expect(d.metrics).toEqual(["alignment", "spearman", "top1", "dice", "iou"]);
    expect(d.psychophysics).toBeUndefined();
    expect(d.manifest).toMatchObject({ file: "/ops/benchmarks/x.json", nImages: 5, ceiling: { kind: "published" } });
    expect(d.protocol.join(" ")).toMatch(/mean ρ \/ 0\.5 \(the published human ceiling: Linsley/);
    expect(scoreLabel(d)).toBe("alignment = mean ρ / 0.5");
    expect(shownCeiling(d)).toBe(0.5);
  });

  it("a manifest without a ceiling divides by 1 and is labelled as the raw mean ρ", () => {
    const r = parse(goodManifest({ ceiling: { kind: "none" } }));
    if (!r.ok) throw new Error(r.error);
    expect(r.definition.ceiling).toBe(1);
    expect(shownCeiling(r.definition)).toBeNull();
    expect(scoreLabel(r.definition)).toBe(RAW_SCORE_LABEL);
    expect(r.definition.protocol.join(" ")).toContain("no ceiling: raw mean ρ");
  });

  it("refuses bad manifests naming the file, the field and what is allowed", () => {
    const m = goodManifest();
    const cases: [unknown, RegExp][] = [
      [{ ...m, id: "Clicktionary!" }, /field 'id': must be 2-40 characters: lowercase letters/],
      [{ ...m, id: "clickme" }, /field 'id': 'clickme' is a built-in benchmark/],
      [{ ...m, version: 0 }, /field 'version': must be an integer ≥ 1/],
      [{ ...m, format: "v2" }, /field 'format': must be "harmonization-benchmark-manifest\/1"/],
      [{ ...m, classes: { count: 1, space: "x" } }, /field 'classes.count': must be an integer in 2..100000/],
      [
        { ...m, classes: { count: 3, space: "x", names: ["a", "b"] } },
        /field 'classes.names': must list exactly classes.count \(3\) names, got 2/,
      ],
      [{ ...m, ceiling: { kind: "published", value: 1.4, source: "x" } }, /field 'ceiling.value': must be a number in \(0, 1\]/],
      [
        { ...m, ceiling: { kind: "guessed", value: 0.5 } },
        /field 'ceiling.kind': must be an object whose kind is "published".*"split-half".*"none"/,
      ],
      [{ ...m, citation: { ...m.citation, url: "ftp:x" } }, /field 'citation.url': must be an http\(s\) URL/],
      [{ ...m, shards: [{ ...m.shards[0], sha256: "XYZ" }, m.shards[1]] }, /field 'shards\[0\].sha256': must be a sha256 in lowercase hex/],
      [{ ...m, shards: [m.shards[1]] }, /field 'shards\[0\].name': must be val-0.tfrecords/],
      [{ ...m, nImages: 4 }, /field 'nImages': must equal the shards' records \(5\), got 4/],
      [{ ...m, sha256: "c".repeat(64) }, /field 'sha256': must be the sha256 of the shard list/],
      [{ ...m, ceilng: 0.5 }, /field 'ceilng': is not a manifest field \(allowed: format, id, version, title/],
      [
        { ...m, dataset: { ...m.dataset, url: "x" } },
        /field 'dataset.url': is not a manifest field \(allowed: name, description, source, imagesShown\)/,
      ],
      [{ ...m, changelog: [] }, /field 'changelog': must list at least one version/],
      [{ ...m, version: 2 }, /field 'changelog\[0\].version': must be the manifest's version 2/],
      [{ ...m, title: undefined }, /field 'title': is required \(a string\)/],
      ["[]", /field '\(the file\)'/],
    ];
    for (const [raw, expected] of cases) {
      const error = errorOf(raw);
      expect(error, JSON.stringify(raw).slice(0, 80)).toMatch(/^benchmark manifest \/ops\/benchmarks\/x\.json: /);
      expect(error).toMatch(expected);
    }
  });
});

describe("the manifests directory", () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
    vi.unstubAllEnvs();
    vi.resetModules();
    delete (globalThis as { __benchmarkManifests?: unknown }).__benchmarkManifests;
  });

  it("is BENCHMARK_MANIFESTS_DIR, else DATA_DIR/benchmarks, else ./data/benchmarks", () => {
    expect(manifestsDir({ BENCHMARK_MANIFESTS_DIR: "/ops/m" })).toBe("/ops/m");
    expect(manifestsDir({ DATA_DIR: "/srv/data", BENCHMARK_MANIFESTS_DIR: "" })).toBe("/srv/data/benchmarks");
    expect(manifestsDir({})).toBe(path.resolve("data/benchmarks"));
  });

  it("loads the valid manifests; an invalid one, broken JSON or a duplicate id is skipped with its error; no directory is no error", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "manifests-"));
    await writeFile(path.join(dir, "a-good.json"), JSON.stringify(goodManifest()));
    await writeFile(path.join(dir, "b-bad.json"), JSON.stringify({ ...goodManifest({ id: "other" }), version: "one" }));
    await writeFile(path.join(dir, "c-broken.json"), "{ not json");
    await writeFile(path.join(dir, "d-duplicate.json"), JSON.stringify(goodManifest()));
    await writeFile(path.join(dir, "notes.txt"), "ignored");
    const load = loadManifestDir(dir, ["clickme"]);
    expect(load.definitions.map((d) => d.id)).toEqual(["clicktionary-test"]);
    expect(load.errors.map((e) => path.basename(e.file))).toEqual(["b-bad.json", "c-broken.json", "d-duplicate.json"]);
    expect(load.errors[0].message).toMatch(/b-bad\.json: field 'version': must be a number, got the string "one"/);
    expect(load.errors[1].message).toMatch(/c-broken\.json: not readable JSON/);
    expect(load.errors[2].message).toMatch(/field 'id': 'clicktionary-test' is already declared by .*a-good\.json/);
    expect(loadManifestDir(path.join(dir, "none"), [])).toEqual({ dir: path.join(dir, "none"), definitions: [], errors: [] });
  });

  it("the registry lists manifest benchmarks after the built-in ones and logs the skipped files once", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "manifests-"));
    await writeFile(path.join(dir, "good.json"), JSON.stringify(goodManifest()));
    await writeFile(path.join(dir, "bad.json"), JSON.stringify({ ...goodManifest({ id: "clickme" }) }));
    vi.stubEnv("BENCHMARK_MANIFESTS_DIR", dir);
    delete (globalThis as { __benchmarkManifests?: unknown }).__benchmarkManifests;
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.resetModules();
    const registry = await import("./index");
    expect(registry.BENCHMARKS.map((b) => b.id)).toEqual([...registry.BUILT_IN_BENCHMARKS.map((b) => b.id), "clicktionary-test"]);
    expect(registry.getBenchmark("clicktionary-test").manifest?.sha256).toBe(goodManifest().sha256);
    expect(registry.MANIFEST_ERRORS).toHaveLength(1);
    vi.resetModules();
    await import("./index");
    expect(logged.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringMatching(/bad\.json: field 'id': 'clickme' is a built-in benchmark.*skipped; the site runs without this benchmark/),
    ]);
    logged.mockRestore();
  });
});
