/**
 * Downloads the psychophysics release (human data and greyscale stimuli) into DIR, resumably, verified against the
 * bucket listing, and prints how many stimuli each folder holds per level.
 * npm run data:psychophysics -- --out DIR [--base-url URL] [--retries N]
 * npm run data:psychophysics -- --synthetic --out DIR [--per-class N] [--force]   (the offline stand-in, no download)
 */
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { createProgress, formatBytes, type ProgressStream } from "@/lib/cli/progress";
import { downloadPsychophysics, GCS_BASE_URL, PSYCHOPHYSICS_BUCKET, PSYCHOPHYSICS_PREFIX } from "@/lib/datasets/psychophysics/download";
import { MAX_PER_CLASS, writeSyntheticPsychophysics } from "@/lib/datasets/psychophysics/synthetic";

const USAGE = "usage: data:psychophysics --out DIR [--base-url URL] [--retries N] | --synthetic --out DIR [--per-class N] [--force]";

type Args = { out: string; baseUrl: string; retries: number; synthetic: { perClass: number; force: boolean } | null };

export function parsePsychophysicsArgs(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: "string" },
      "base-url": { type: "string" },
      retries: { type: "string" },
      synthetic: { type: "boolean", default: false },
      "per-class": { type: "string" },
      force: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (!values.out) throw new Error("--out is required");
  if (values.synthetic) {
    const perClass = Number(values["per-class"] ?? MAX_PER_CLASS);
    if (!Number.isInteger(perClass) || perClass < 1 || perClass > MAX_PER_CLASS)
      throw new Error(`--per-class must be an integer in 1..${MAX_PER_CLASS}, got '${values["per-class"]}'`);
    return { out: values.out, baseUrl: "", retries: 0, synthetic: { perClass, force: values.force! } };
  }
  const baseUrl = values["base-url"] ?? GCS_BASE_URL;
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) throw new Error(`--base-url must be an http(s) URL, got '${baseUrl}'`);
  if (!/^\d+$/.test(values.retries ?? "5") || Number(values.retries ?? 5) > 100)
    throw new Error(`--retries must be an integer in 0..100, got '${values.retries}'`);
  return { out: values.out, baseUrl, retries: Number(values.retries ?? 5), synthetic: null };
}

export async function main(argv: string[], stderr: ProgressStream = process.stderr, retryDelayMs = 2000): Promise<number> {
  let args;
  try {
    args = parsePsychophysicsArgs(argv);
  } catch (err) {
    stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.synthetic) {
    const progress = createProgress({ label: "psychophysics-synthetic", stream: stderr });
    const m = await writeSyntheticPsychophysics({ out: args.out, ...args.synthetic, onImage: (d) => progress.update(d) });
    progress.finish();
    stderr.write(`synthetic stand-in: ${m.stimuli.total} stimuli (scripted human curve) -> ${args.out}/manifest.json\n`);
    return 0;
  }
  let bar: ReturnType<typeof createProgress> | undefined;
  let done = 0;
  const manifest = await downloadPsychophysics({
    outDir: args.out,
    baseUrl: args.baseUrl,
    retries: args.retries,
    retryDelayMs,
    onListed: (objects) => {
      const total = objects.reduce((a, o) => a + o.size, 0);
      stderr.write(`gs://${PSYCHOPHYSICS_BUCKET}/${PSYCHOPHYSICS_PREFIX}: ${objects.length} objects, ${formatBytes(total)}\n`);
      bar = createProgress({ label: "psychophysics", total, unit: "bytes", stream: stderr });
    },
    onFileStart: () => (bytes) => bar?.update(done + bytes),
    onFileDone: (f) => {
      done += f.bytes;
      bar?.update(done);
    },
  });
  bar?.finish();
  for (const [folder, levels] of Object.entries(manifest.stimuli.perFolder)) {
    stderr.write(
      `${folder}: ${Object.entries(levels)
        .map(([l, n]) => `${l}: ${n}`)
        .join(", ")}\n`,
    );
  }
  stderr.write(
    `${manifest.stimuli.total} stimuli, ${manifest.files.length} files, sha256 ${manifest.sha256} -> ${args.out}/manifest.json\n`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`data:psychophysics failed: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
