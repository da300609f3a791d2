/**
 * Downloads the ClickMe validation split (val-0 … val-16) into DIR, resumably, checking every record's CRCs.
 * npm run data:clickme -- --out DIR [--base-url URL] [--retries 5]
 */
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { createProgress, formatBytes, type ProgressStream } from "@/lib/cli/progress";
import { CLICKME_BASE_URL, downloadClickMe } from "@/lib/datasets/download";

const USAGE = "usage: data:clickme --out DIR [--base-url URL] [--retries N]";

export function parseClickMeArgs(argv: string[]): { out: string; baseUrl: string; retries: number } {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: "string" }, "base-url": { type: "string" }, retries: { type: "string" } },
    strict: true,
  });
  if (!values.out) throw new Error("--out is required");
  const baseUrl = values["base-url"] ?? CLICKME_BASE_URL;
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) throw new Error(`--base-url must be an http(s) URL, got '${baseUrl}'`);
  const retries = values.retries === undefined ? 5 : Number(values.retries);
  if (!/^\d+$/.test(values.retries ?? "5") || retries > 100)
    throw new Error(`--retries must be an integer in 0..100, got '${values.retries}'`);
  return { out: values.out, baseUrl, retries };
}

export async function main(argv: string[], stderr: ProgressStream = process.stderr, retryDelayMs = 2000): Promise<number> {
  let args;
  try {
    args = parseClickMeArgs(argv);
  } catch (err) {
    stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  let finish: (() => void) | undefined;
  const summary = await downloadClickMe({
    outDir: args.out,
    baseUrl: args.baseUrl,
    retries: args.retries,
    retryDelayMs,
    onShardStart: (name) => {
      let bar: ReturnType<typeof createProgress> | undefined;
      finish = () => bar?.finish();
      return (bytes, total) => {
        bar ??= createProgress({ label: name, total, unit: "bytes", stream: stderr });
        bar.update(bytes);
      };
    },
    onShardDone: (s) => {
      finish?.();
      finish = undefined;
      stderr.write(`${s.name}: ${s.records} records, ${formatBytes(s.bytes)}${s.alreadyPresent ? " (already present, verified)" : ""}\n`);
    },
  });
  stderr.write(
    `ClickMe val: ${summary.nImages} images in ${summary.shards.length} shards, ${formatBytes(summary.bytes)}, ` +
      `sha256 ${summary.fingerprint.sha256} -> ${args.out}/manifest.json\n`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`data:clickme failed: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
