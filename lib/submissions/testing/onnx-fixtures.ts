/**
 * ONNX fixtures exported by PyTorch at test time (jobs/testing/onnx_cases.py), cached in os.tmpdir() under the hash
 * of the scripts, so a changed script regenerates them and an unchanged one costs nothing after the first run.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const SCRIPTS = ["jobs/testing/onnx_cases.py", "jobs/testing/export_small_cnn.py"];

export const ONNX_CASES = [
  "good",
  "good-again",
  "external",
  "truncated",
  "not-onnx",
  "escaping",
  "missing-data",
  "size-mismatch",
  "unsupported-op",
  "opset-10",
  "two-inputs",
  "int-input",
  "softmax-output",
  "perturbed",
] as const;
export type OnnxCase = (typeof ONNX_CASES)[number];

/** The fixtures' root folder; one sub-folder per case, each holding model.onnx and its external data. */
export function onnxFixtures(): string {
  const h = createHash("sha256");
  for (const s of SCRIPTS) h.update(readFileSync(path.join(process.cwd(), s)));
  const root = path.join(os.tmpdir(), `onnx-cases-${h.digest("hex").slice(0, 12)}`);
  if (!existsSync(path.join(root, "done"))) {
    // Written aside and renamed into place: parallel test files may generate at the same time.
    const tmp = `${root}.tmp-${process.pid}`;
    execFileSync("/usr/bin/python3", [SCRIPTS[0], "--out", tmp], { cwd: process.cwd(), stdio: ["ignore", "ignore", "inherit"] });
    try {
      renameSync(tmp, root);
    } catch {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  return root;
}

/** The files of one case, as { name, data } pairs. */
export function onnxCaseFiles(c: OnnxCase): { name: string; data: Buffer }[] {
  const dir = path.join(onnxFixtures(), c);
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name, data: readFileSync(path.join(dir, name)) }));
}
