/**
 * The "reproduce this" recipe of a result: the exact evaluate command with the model's declared preprocessing,
 * the benchmark and the backend it ran on, plus what must match (code version, data fingerprint).
 */

import { ENGINE_CHOICES } from "@/lib/types";

export type ReproduceInput = {
  benchmarkId: string;
  preprocessing: { scale: number; mean: readonly number[]; std: readonly number[] };
  backendName: string | null;
  codeVersion: string | null;
  /** The split's fingerprint and size, from the result's provenance (dataset.sha256, dataset.n_images). */
  dataset: { fingerprint: string; nImages?: number; name?: string } | null;
};

export type Reproduce = { command: string; backend: string; steps: string[] };

/** tfjs-node registers itself as "tensorflow"; the GPU build too. */
function cliBackend(name: string | null): string {
  if (!name) return "auto";
  const n = name.toLowerCase();
  if (n === "tensorflow" || n.startsWith("tfjs-node")) return "tensorflow";
  return (ENGINE_CHOICES as readonly string[]).includes(n) ? n : "auto";
}

export function reproduceRecipe(r: ReproduceInput): Reproduce {
  const backend = cliBackend(r.backendName);
  const command = [
    "npm run evaluate --",
    "--model PATH",
    "--data DIR",
    `--benchmark ${r.benchmarkId}`,
    `--scale ${r.preprocessing.scale}`,
    `--mean ${r.preprocessing.mean.join(",")}`,
    `--std ${r.preprocessing.std.join(",")}`,
    `--backend ${backend}`,
  ].join(" ");
  const steps = [
    r.codeVersion
      ? `Check out code version ${r.codeVersion} of this site's repository and run npm ci.`
      : "Use the site's current code (this result recorded no code version).",
    "PATH: the model directory (model.json and weight shards) or .zip you submitted; its weights hash must match the one below.",
    r.dataset
      ? `DIR: the ${r.dataset.name ?? "benchmark"} shards; their fingerprint must be ${r.dataset.fingerprint}${r.dataset.nImages === undefined ? "" : ` (${r.dataset.nImages} images)`}.`
      : "DIR: the benchmark's shards (this result recorded no data fingerprint).",
  ];
  return { command, backend, steps };
}
