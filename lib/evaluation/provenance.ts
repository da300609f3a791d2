import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Hardware } from "@/lib/types/provenance";

export type { Hardware } from "@/lib/types/provenance";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** `git describe --always --dirty --tags` of the checkout, else `v<package.json version>` (e.g. in a tarball). */
export function codeVersion(): string {
  try {
    return execFileSync("git", ["describe", "--always", "--dirty", "--tags"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    return `v${pkg.version}`;
  }
}

/** The machine, as provenance records it; a CPU model the OS does not name is null (never a made-up "unknown"). */
export function hardware(): Hardware {
  const cpus = os.cpus();
  return {
    cpu_model: cpus[0]?.model.trim() || null,
    cpu_count: cpus.length,
    memory_bytes: os.totalmem(),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}
