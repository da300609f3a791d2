// npm run evaluate -- --model PATH --data DIR [...]: scores one model on a split; JSON to --output or stdout.
import { writeFile } from "node:fs/promises";
import { createProgress } from "@/lib/cli/progress";
import { EVALUATE_USAGE, parseEvaluateArgs, UsageError } from "@/lib/evaluation/cli-args";
import { getBenchmark } from "@/lib/benchmarks";
import { describeFailure, EXIT, runEvaluateCommand } from "@/lib/evaluation/command";
import { runPsychophysicsCommand } from "@/lib/evaluation/psychophysics/command";

// stdout carries only the JSON result; every log (including tfjs's) goes to stderr.
const writeStdout = process.stdout.write.bind(process.stdout);
console.log = console.info = console.error;

async function main(): Promise<number> {
  let args;
  try {
    args = parseEvaluateArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message} (see --help)\n`);
    return EXIT.usage;
  }
  if (args.help) {
    writeStdout(`${EVALUATE_USAGE}\n`);
    return EXIT.ok;
  }
  try {
    const hooks = { progress: (total: number) => createProgress({ label: "evaluate", total }) };
    // "How" benchmarks (psychophysics) are scored by forward passes and curves, not saliency maps.
    const result = getBenchmark(args.benchmark).psychophysics
      ? await runPsychophysicsCommand(args, hooks)
      : await runEvaluateCommand(args, hooks);
    const json = `${JSON.stringify(result, null, 2)}\n`;
    if (args.output) await writeFile(args.output, json);
    else await new Promise<void>((resolve, reject) => writeStdout(json, (e) => (e ? reject(e) : resolve())));
    const score =
      "psychophysics" in result
        ? `undefined; psychophysics ${result.psychophysics.score?.toFixed(4) ?? `undefined (${result.psychophysics.score_undefined_reason})`}`
        : result.alignment_score === null
          ? `undefined (${result.alignment_undefined_reason})`
          : result.alignment_score.toFixed(4);
    process.stderr.write(
      `alignment ${score}, top-1 ${result.top1_accuracy?.toFixed(4)}, ${result.n_images} images ` +
        `(${result.n_undefined} undefined ρ), ${(result.provenance.duration_ms / 1000).toFixed(1)} s on ${result.backend.name}` +
        `${args.output ? ` → ${args.output}` : ""}\n`,
    );
    return EXIT.ok;
  } catch (err) {
    const { exitCode, reason } = describeFailure(err);
    process.stderr.write(`${reason}\n`);
    return exitCode;
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${describeFailure(err).reason}\n`);
    process.exit(EXIT.failed);
  },
);
