/**
 * ONNX's own backend node tests (Debian libonnx-testdata, onnx 1.12): every case whose model uses only ops the
 * importer implements runs on the tfjs cpu backend against its reference outputs. A case the importer cannot run
 * must be refused with an AppError naming what is unsupported (listed in REFUSED, with the reason); any other
 * outcome, a wrong number above all, fails.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { OnnxExecutor } from "./execute";
import { OPS } from "./ops";
import { decodeTensorProto, readOnnx, type ConstTensor } from "./read";
import { constToTensor } from "./ops/shape";
import { REFUSED } from "./testing/conformance-refused";

const ROOT = "/usr/share/libonnx-testdata/data/node";
/** float32 engines that round differently (tfjs's erf approximation, exp/log in another order) stay inside these. */
const RTOL = 1e-3;
const ATOL = 1e-4;

type Case = { name: string; dir: string };

function selectCases(): Case[] {
  if (!existsSync(ROOT)) return [];
  return readdirSync(ROOT).sort().flatMap((name) => {
    const dir = path.join(ROOT, name);
    if (!existsSync(path.join(dir, "model.onnx"))) return [];
    const model = readOnnx(readFileSync(path.join(dir, "model.onnx")), dir);
    return model.nodes.every((n) => (!n.domain || n.domain === "ai.onnx") && n.opType in OPS) ? [{ name, dir }] : [];
  });
}

function readPbs(dir: string, prefix: string): ConstTensor[] {
  const files = readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith(".pb"));
  return files.sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0])).map((f) => decodeTensorProto(readFileSync(path.join(dir, f))));
}

function runCase(c: Case): { got: { name: string; dims: number[]; data: Float32Array | Int32Array | Uint8Array }[]; want: ConstTensor[] } {
  const model = readOnnx(readFileSync(path.join(c.dir, "model.onnx")), c.dir);
  const set = path.join(c.dir, "test_data_set_0");
  const initNames = new Set(model.initializers.map((t) => t.name));
  const graphInputs = model.inputs.filter((i) => !initNames.has(i.name));
  // The model first: what the importer refuses is refused before any reference file is decoded.
  const exec = new OnnxExecutor(model);
  try {
    const inputs = readPbs(set, "input_");
    const got = tf.tidy(() => {
      const feeds = Object.fromEntries(graphInputs.map((vi, i) => [vi.name, constToTensor({ ...inputs[i], name: vi.name })]));
      const outs = exec.run(feeds, model.outputs.map((o) => o.name));
      return outs.map((t, i) => ({ name: model.outputs[i].name, dims: t.shape, data: t.dataSync() as Float32Array | Int32Array | Uint8Array }));
    });
    return { got, want: readPbs(set, "output_") };
  } finally {
    exec.dispose();
  }
}

function mismatch(got: ReturnType<typeof runCase>["got"], want: ConstTensor[]): string | null {
  if (got.length !== want.length) return `${got.length} outputs, expected ${want.length}`;
  for (let k = 0; k < want.length; k++) {
    const g = got[k];
    const w = want[k];
    if (g.dims.join(",") !== w.dims.join(",")) return `output ${g.name}: shape [${g.dims}], expected [${w.dims}]`;
    for (let i = 0; i < w.data.length; i++) {
      const a = Number(g.data[i]);
      const b = Number(w.data[i]);
      if (Number.isNaN(b) ? !Number.isNaN(a) : !(Math.abs(a - b) <= ATOL + RTOL * Math.abs(b))) {
        return `output ${g.name}[${i}] = ${a}, expected ${b}`;
      }
    }
  }
  return null;
}

const cases = selectCases();

describe("ONNX backend node tests (libonnx-testdata)", () => {
  beforeAll(async () => {
    await tf.setBackend("cpu");
  });

  it("finds the test data", () => {
    expect(existsSync(ROOT), `${ROOT} is missing: apt-get install libonnx-testdata`).toBe(true);
    expect(cases.length).toBeGreaterThan(300);
  });

  it("covers every implemented op with at least one case that runs, and lists refusals only for selected cases", () => {
    const names = new Set(cases.map((c) => c.name));
    for (const name of Object.keys(REFUSED)) expect(names.has(name), `${name} is not a selected case`).toBe(true);
    const covered = new Set<string>();
    for (const c of cases) {
      if (c.name in REFUSED) continue;
      for (const n of readOnnx(readFileSync(path.join(c.dir, "model.onnx")), c.dir).nodes) covered.add(n.opType);
    }
    // Ops with no node test in onnx 1.12 are covered by the torchvision forward tests instead.
    const untested = Object.keys(OPS).filter((op) => !covered.has(op));
    expect(untested).toEqual([]);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", (name, c) => {
    const reason = REFUSED[name];
    let result: ReturnType<typeof runCase> | null = null;
    let error: unknown = null;
    try {
      result = runCase(c);
    } catch (e) {
      error = e;
    }
    if (reason) {
      expect(error, `${name} should be refused (${reason.why})`).toBeInstanceOf(AppError);
      expect((error as AppError).message).toMatch(reason.message);
      return;
    }
    if (error) throw error;
    expect(mismatch(result!.got, result!.want)).toBeNull();
  });
});
