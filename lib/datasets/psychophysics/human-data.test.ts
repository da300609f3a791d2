import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { humanCurveOf, readHumanData } from "./human-data";
import { NpyFormatError, readNpy } from "./npy";
import { readPickle, UnsafePickleError } from "./safe-pickle";

const FIXTURES = path.join(__dirname, "fixtures");

describe("data_for_zahra.npz (Python-2 pickled object arrays, read safely)", () => {
  it("reads ims, columns and data_human from the fixture that numpy itself reads back (make_npz_fixtures.py)", async () => {
    const data = await readHumanData(path.join(FIXTURES, "human-data.npz"));
    expect(data.ims).toEqual([
      [
        "exp_1_clicktionary_probabilistic_region_growth_centered/0_bald_eagle1.png",
        "exp_1_clicktionary_probabilistic_region_growth_centered/full_school_bus2.png",
      ],
      ["exp_1_clicktionary_probabilistic_region_growth_centered/50_great_white_shark3.png"],
    ]);
    expect(data.columns).toEqual(["subject", "Revelation", "correct", "rt"]);
    expect(data.rows).toHaveLength(22);
    expect(data.rows[0]).toEqual([1, 0, 0, 0.5]);
    expect(data.rows[21]).toEqual([2, 200, 1, 0.6 + 200 / 1000]);
  });

  it("gives the mean correct per Revelation level with the full image set apart (hand-computed from the fixture's rows)", async () => {
    const curve = humanCurveOf(await readHumanData(path.join(FIXTURES, "human-data.npz")));
    expect(curve.revelation).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    // two trials per level: (0,1) (1,0) (1,1) (0,1) (1,1) (1,1) (1,0) (1,1) (1,1) (1,1), full (1,1)
    expect(curve.meanCorrect).toEqual([0.5, 0.5, 1, 0.5, 1, 1, 0.5, 1, 1, 1]);
    expect(curve.trials).toEqual(Array(10).fill(2));
    expect(curve.fullImageMeanCorrect).toBe(1);
  });

  it("refuses the hostile pickle (os.system) naming the global, and runs nothing", async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), "hostile-"));
    const before = process.cwd();
    process.chdir(cwd);
    try {
      await expect(readHumanData(path.join(FIXTURES, "hostile.npz"))).rejects.toThrow(
        /ims\.npy: pickle refers to the global 'posix\.system', which is not allowed .*nothing was executed/,
      );
      expect(existsSync(path.join(cwd, "PWNED"))).toBe(false);
    } finally {
      process.chdir(before);
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it("refuses object-building opcodes and other globals, naming them", () => {
    const proto2 = (body: number[]) => Uint8Array.from([0x80, 2, ...body, 0x2e]);
    const text = (s: string) => [...Buffer.from(s, "latin1")];
    // c builtins\neval\n (GLOBAL)
    expect(() => readPickle(proto2([0x63, ...text("builtins\neval\n")]))).toThrow("the global 'builtins.eval'");
    expect(() => readPickle(proto2([0x63, ...text("copy_reg\n_reconstructor\n")]))).toThrow(
      "'copy_reg._reconstructor', which is not allowed",
    );
    // NEWOBJ and INST build arbitrary objects
    expect(() => readPickle(proto2([0x4e, 0x29, 0x81]))).toThrow("opcode NEWOBJ");
    expect(() => readPickle(proto2([0x28, 0x69, ...text("os\nsystem\n")]))).toThrow("opcode INST");
    expect(() => readPickle(Uint8Array.from([0x80, 4, 0x4e, 0x2e]))).toThrow("protocol 4 is not supported");
    expect(() => readPickle(proto2([0x4b]))).toThrow("truncated pickle");
  });

  it("reads object arrays as Python 3 writes them: protocol 2 (_codecs.encode for bytes) and np.save's protocol 3", () => {
    for (const protocol of [2, 3]) {
      const py = `
import io, pickle, sys, numpy as np
from numpy.lib import format as f
a = np.empty(2, dtype=object); a[0] = [b"x/1_sorrel1.png"]; a[1] = ["\u00fc"]
buf = io.BytesIO(); f.write_array_header_1_0(buf, f.header_data_from_array_1_0(a)); pickle.dump(a, buf, protocol=${protocol})
sys.stdout.buffer.write(buf.getvalue())`;
      const out = execFileSync("/usr/bin/python3", ["-c", py]);
      expect(readNpy(new Uint8Array(out), "a.npy"), `protocol ${protocol}`).toMatchObject({
        kind: "object",
        shape: [2],
        values: [[new Uint8Array(Buffer.from("x/1_sorrel1.png"))], ["ü"]],
      });
    }
  });

  it("reads fixed-width byte-string arrays", () => {
    const s = execFileSync("/usr/bin/python3", [
      "-c",
      `import io,sys,numpy as np\nfrom numpy.lib import format as f\nb=io.BytesIO(); f.write_array(b, np.array([b"Revelation", b"correct"])); sys.stdout.buffer.write(b.getvalue())`,
    ]);
    expect(readNpy(new Uint8Array(s), "c.npy")).toMatchObject({ kind: "string", descr: "|S10", values: ["Revelation", "correct"] });
  });

  it("refuses dtypes it does not read", () => {
    const out = execFileSync("/usr/bin/python3", [
      "-c",
      `import io,sys,numpy as np\nfrom numpy.lib import format as f\nb=io.BytesIO(); f.write_array(b, np.zeros(2, dtype=[("a","<f8")])); sys.stdout.buffer.write(b.getvalue())`,
    ]);
    expect(() => readNpy(new Uint8Array(out), "s.npy")).toThrow(NpyFormatError);
  });
});

it("UnsafePickleError is what a refused pickle throws", () => {
  expect(() => readPickle(Uint8Array.from([0x80, 2, 0x63, ...Buffer.from("os\nsystem\n"), 0x2e]))).toThrow(UnsafePickleError);
});
