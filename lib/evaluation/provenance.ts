import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

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

export type Hardware = { cpu_model: string; cpu_count: number; memory_bytes: number; platform: string; node: string };

export function hardware(): Hardware {
  const cpus = os.cpus();
  return {
    cpu_model: cpus[0]?.model.trim() ?? "unknown",
    cpu_count: cpus.length,
    memory_bytes: os.totalmem(),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}
