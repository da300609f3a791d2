/**
 * Imports a "where" dataset (images + human maps + labels) as a ClickMe-format split and its benchmark manifest
 * (docs/datasets.md).
 * npm run data:import-maps -- --images DIR --maps DIR --labels CSV --out DIR [--id ID] [--title T] [--version N]
 *   [--num-classes 1000] [--shard-size 500] [--ceiling X --ceiling-source TEXT | --rater-maps DIR] [--meta FILE] [--force]
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { createProgress, type ProgressStream } from "@/lib/cli/progress";
import { ImportError, importMaps, type ImportOptions, type ManifestMeta } from "@/lib/datasets/import-maps/import-maps";

const USAGE =
  "usage: data:import-maps --images DIR --maps DIR --labels CSV --out DIR [--id ID] [--title T] [--version N] [--num-classes 1000]\n" +
  "         [--shard-size 500] [--ceiling X --ceiling-source TEXT | --rater-maps DIR] [--meta FILE.json] [--force]";

export class UsageError extends Error {}

function int(name: string, raw: string | undefined, min: number, max: number, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
    throw new UsageError(`--${name} must be an integer in ${min}..${max}, got '${raw}'`);
  return Number(raw);
}

export async function parseImportArgs(argv: string[]): Promise<Omit<ImportOptions, "onImage">> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        images: { type: "string" },
        maps: { type: "string" },
        labels: { type: "string" },
        out: { type: "string" },
        id: { type: "string" },
        title: { type: "string" },
        version: { type: "string" },
        "num-classes": { type: "string" },
        "shard-size": { type: "string" },
        ceiling: { type: "string" },
        "ceiling-source": { type: "string" },
        "rater-maps": { type: "string" },
        meta: { type: "string" },
        force: { type: "boolean", default: false },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  for (const flag of ["images", "maps", "labels", "out"] as const) if (!values[flag]) throw new UsageError(`--${flag} is required`);
  const id = values.id ?? path.basename(path.resolve(values.out!));
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(id))
    throw new UsageError(`--id must be 2-40 characters: lowercase letters, digits and '-', starting with a letter; got '${id}'`);
  if (values.ceiling !== undefined && values["rater-maps"] !== undefined)
    throw new UsageError("--ceiling and --rater-maps exclude each other (a published ceiling, or one computed from per-rater maps)");
  let ceiling: ImportOptions["ceiling"];
  if (values.ceiling !== undefined) {
    const v = Number(values.ceiling);
    if (!(v > 0 && v <= 1)) throw new UsageError(`--ceiling must be a number in (0, 1], got '${values.ceiling}'`);
    if (!values["ceiling-source"]) throw new UsageError("--ceiling needs --ceiling-source TEXT (where the number is published)");
    ceiling = { value: v, source: values["ceiling-source"] };
  } else if (values["ceiling-source"] !== undefined) throw new UsageError("--ceiling-source goes with --ceiling");
  let meta: ManifestMeta | undefined;
  if (values.meta) {
    try {
      meta = JSON.parse(await readFile(values.meta, "utf8")) as ManifestMeta;
    } catch (err) {
      throw new UsageError(`--meta ${values.meta}: not readable JSON: ${(err as Error).message}`);
    }
  }
  return {
    images: values.images!,
    maps: values.maps!,
    labels: values.labels!,
    out: values.out!,
    id,
    title: values.title,
    version: int("version", values.version, 1, 1_000_000, 1),
    numClasses: int("num-classes", values["num-classes"], 2, 100_000, 1000),
    shardSize: int("shard-size", values["shard-size"], 1, 1_000_000, 500),
    ceiling,
    raterMaps: values["rater-maps"],
    meta,
    force: values.force,
  };
}

export async function main(argv: string[], stderr: ProgressStream = process.stderr): Promise<number> {
  let args;
  try {
    args = await parseImportArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    stderr.write(`${err.message}\n${USAGE}\n`);
    return 2;
  }
  let bar: ReturnType<typeof createProgress> | undefined;
  try {
    const summary = await importMaps({
      ...args,
      onImage: (done, total) => (bar ??= createProgress({ label: "import", total, stream: stderr })).update(done),
    });
    const m = summary.manifest;
    const c = m.ceiling;
    bar?.finish(
      `wrote ${m.nImages} images in ${m.shards.length} shards to ${summary.out} (sha256 ${m.sha256}); ceiling: ` +
        (c.kind === "none"
          ? "none (scores are the raw mean ρ)"
          : c.kind === "published"
            ? `${c.value} (published)`
            : `${c.value} (split-half over ${c.images} images, uncorrected ${c.uncorrected})`),
    );
    if (summary.placeholders.length)
      stderr.write(`manifest.json: fill in ${summary.placeholders.join(", ")} (placeholders written; pass --meta FILE)\n`);
    stderr.write(
      `next: copy ${path.join(summary.out, "manifest.json")} to the site's BENCHMARK_MANIFESTS_DIR as ${m.id}.json, and ${summary.out} to each worker's --data-root/${m.id}\n`,
    );
    return 0;
  } catch (err) {
    bar?.finish();
    if (!(err instanceof ImportError)) throw err;
    stderr.write(`data:import-maps: ${err.message}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`data:import-maps failed: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
