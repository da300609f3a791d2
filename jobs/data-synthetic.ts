/**
 * Generates the synthetic ClickMe-format split (lib/datasets/synthetic): deterministic for (n, seed).
 * npm run data:synthetic -- --out DIR --n N --seed S [--shard-size 100] [--force] [--variant plain|shortcut --split train|test]
 */
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { createProgress, type ProgressStream } from "@/lib/cli/progress";
import { shortcutSceneSource } from "@/lib/datasets/synthetic-shortcut/scene-source";
import { MAX_IMAGES, writeSyntheticDataset } from "@/lib/datasets/synthetic/write-dataset";

const USAGE = "usage: data:synthetic --out DIR --n N --seed S [--shard-size 100] [--force] [--variant plain|shortcut --split train|test]";

export class UsageError extends Error {}

function intArg(name: string, raw: string | undefined, min: number, max: number, fallback?: number): number {
  if (raw === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`--${name} is required`);
  }
  const v = Number(raw);
  if (!/^\d+$/.test(raw) || v < min || v > max) throw new UsageError(`--${name} must be an integer in ${min}..${max}, got '${raw}'`);
  return v;
}

export function parseSyntheticArgs(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        out: { type: "string" },
        n: { type: "string" },
        seed: { type: "string" },
        "shard-size": { type: "string" },
        force: { type: "boolean", default: false },
        variant: { type: "string" },
        split: { type: "string" },
      },
      strict: true,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (!values.out) throw new UsageError("--out is required");
  const variant = values.variant ?? "plain";
  if (variant !== "plain" && variant !== "shortcut") throw new UsageError(`--variant must be plain or shortcut, got '${variant}'`);
  if (variant === "plain" && values.split !== undefined) throw new UsageError("--split applies only to --variant shortcut");
  if (variant === "shortcut" && values.split !== "train" && values.split !== "test") {
    throw new UsageError(`--variant shortcut needs --split train or test, got '${values.split ?? ""}'`);
  }
  return {
    out: values.out,
    n: intArg("n", values.n, 1, MAX_IMAGES),
    seed: intArg("seed", values.seed, 0, 0xffffffff),
    shardSize: intArg("shard-size", values["shard-size"], 1, 100_000, 100),
    force: values.force,
    /** Only for --variant shortcut (the plain variant's arguments stay as they were). */
    shortcutSplit: variant === "shortcut" ? (values.split as "train" | "test") : undefined,
  };
}

export async function main(argv: string[], stderr: ProgressStream = process.stderr): Promise<number> {
  let args;
  try {
    args = parseSyntheticArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    stderr.write(`${err.message}\n${USAGE}\n`);
    return 2;
  }
  const progress = createProgress({ label: "synthetic", total: args.n, stream: stderr });
  const { shortcutSplit, ...options } = args;
  const source = shortcutSplit ? shortcutSceneSource(shortcutSplit) : undefined;
  const manifest = await writeSyntheticDataset({ ...options, source, onImage: (done) => progress.update(done) });
  progress.finish(`wrote ${manifest.n} images in ${manifest.shards.length} shards to ${args.out} (sha256 ${manifest.sha256})`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`data:synthetic failed: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
