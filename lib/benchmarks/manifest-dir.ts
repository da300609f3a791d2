/**
 * Reads the operator's benchmark manifests: every `*.json` in BENCHMARK_MANIFESTS_DIR (default DATA_DIR/benchmarks,
 * DATA_DIR defaulting to ./data). Runs once per process, synchronously, when the registry (./index.ts) is first
 * imported on the server; in a browser bundle it reads nothing. A file that is not a valid manifest is skipped and
 * its error, naming the file and the field, is logged to stderr once per process (the site's, the worker's and the
 * evaluate command's startup log) and kept in `manifestErrors()` for `npm run admin -- benchmarks`-style tools.
 *
 * The file system is reached through process.getBuiltinModule, not an import, so the registry stays importable by
 * client components (the submit form's eligibility check) without bundling node:fs.
 */
import { parseBenchmarkManifest } from "./manifest";
import type { BenchmarkDefinition } from "./types";

export type ManifestLoadError = { file: string; message: string };
export type ManifestLoad = { dir: string | null; definitions: BenchmarkDefinition[]; errors: ManifestLoadError[] };

type NodeFs = typeof import("node:fs");
type NodePath = typeof import("node:path");
type NodeCrypto = typeof import("node:crypto");

function nodeModules(): { fs: NodeFs; path: NodePath; crypto: NodeCrypto } | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown; versions?: { node?: string } } }).process;
  if (typeof window !== "undefined" || !proc?.versions?.node || typeof proc.getBuiltinModule !== "function") return null;
  return {
    fs: proc.getBuiltinModule("node:fs") as NodeFs,
    path: proc.getBuiltinModule("node:path") as NodePath,
    crypto: proc.getBuiltinModule("node:crypto") as NodeCrypto,
  };
}

const nonEmpty = (v: string | undefined) => (v === undefined || v === "" ? undefined : v);

/** Where manifests are read from, or null when this is not a Node process. */
export function manifestsDir(env: Record<string, string | undefined> = globalThis.process?.env ?? {}): string | null {
  const node = nodeModules();
  if (!node) return null;
  const explicit = nonEmpty(env.BENCHMARK_MANIFESTS_DIR);
  return node.path.resolve(explicit ?? node.path.join(nonEmpty(env.DATA_DIR) ?? "./data", "benchmarks"));
}

/**
 * Parses every `*.json` of `dir` in name order. A missing directory is no error (no manifest benchmarks); an unreadable
 * or invalid file, a reused id (built-in or another file's), is an error for that file only.
 */
export function loadManifestDir(dir: string | null, reservedIds: readonly string[]): ManifestLoad {
  const node = nodeModules();
  const load: ManifestLoad = { dir, definitions: [], errors: [] };
  if (!node || dir === null) return load;
  let names: string[];
  try {
    names = node.fs
      .readdirSync(dir)
      .filter((n) => n.endsWith(".json"))
      .sort();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== "ENOENT")
      load.errors.push({ file: dir, message: `benchmark manifests directory ${dir} cannot be read: ${(err as Error).message}` });
    return load;
  }
  const sha256Hex = (text: string) => node.crypto.createHash("sha256").update(text).digest("hex");
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = node.path.join(dir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(node.fs.readFileSync(file, "utf8"));
    } catch (err) {
      load.errors.push({ file, message: `benchmark manifest ${file}: not readable JSON: ${(err as Error).message}` });
      continue;
    }
    const parsed = parseBenchmarkManifest(raw, file, { reservedIds, sha256Hex });
    if (!parsed.ok) {
      load.errors.push({ file, message: parsed.error });
      continue;
    }
    const other = seen.get(parsed.definition.id);
    if (other) {
      load.errors.push({
        file,
        message: `benchmark manifest ${file}: field 'id': '${parsed.definition.id}' is already declared by ${other}; ids are unique`,
      });
      continue;
    }
    seen.set(parsed.definition.id, file);
    load.definitions.push(parsed.definition);
  }
  return load;
}

type Shared = { loads: Map<string, ManifestLoad>; logged: Set<string> };

/**
 * The process-wide load of `dir` (shared through globalThis, so the several module instances a Next.js server holds
 * see one registry and log once). Errors go to stderr when first loaded, with the rule that skipped the file.
 */
export function sharedManifestLoad(
  dir: string | null,
  reservedIds: readonly string[],
  log: (line: string) => void = (l) => console.error(l),
): ManifestLoad {
  const g = globalThis as { __benchmarkManifests?: Shared };
  const shared = (g.__benchmarkManifests ??= { loads: new Map(), logged: new Set() });
  const key = dir ?? "";
  let load = shared.loads.get(key);
  if (!load) {
    load = loadManifestDir(dir, reservedIds);
    shared.loads.set(key, load);
  }
  if (!shared.logged.has(key)) {
    shared.logged.add(key);
    for (const e of load.errors) log(`${e.message} — skipped; the site runs without this benchmark (docs/datasets.md)`);
  }
  return load;
}
