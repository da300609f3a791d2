// /docs/pytorch and docs/submit-pytorch.md say the same, and what they say is what the code does.
// UPDATE_DOCS=1 npx vitest run app/docs/pytorch rewrites the Markdown's generated tables.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSubmissionFields, SUBMISSION_FIELDS } from "@/lib/types/submission-metadata";
import { ONNX_OPSET_RANGE, SUPPORTED_ONNX_OPS } from "@/lib/models/onnx/supported-ops";
import * as content from "./content";

const ROOT = path.resolve(__dirname, "../../..");
const MD_FILE = path.join(ROOT, "docs/submit-pytorch.md");
const read = (rel: string) => readFileSync(path.join(ROOT, rel), "utf8");

const cell = (s: string) => s.replace(/\|/g, "\\|");
const table = (head: [string, string], rows: [string, string][]) =>
  [`| ${head[0]} | ${head[1]} |`, "|---|---|", ...rows.map(([a, b]) => `| \`${cell(a)}\` | ${cell(b)} |`)].join("\n");

/** The Markdown with its generated tables (between <!-- name:start --> and <!-- name:end -->) rendered from the code. */
function renderTables(md: string): string {
  const tables: Record<string, string> = {
    "helper-flags": table(["flag", "meaning"], content.HELPER_FLAGS),
    errors: table(
      ["message", "what it means, what to do"],
      content.ONNX_ERRORS.map((e) => [e.message, e.meaning]),
    ),
    "supported-ops": table(
      ["op", "notes"],
      SUPPORTED_ONNX_OPS.map((o) => [o.op, o.notes]),
    ),
  };
  return Object.entries(tables).reduce((s, [name, body]) => {
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    const i = s.indexOf(start);
    const j = s.indexOf(end);
    if (i < 0 || j < i) throw new Error(`docs/submit-pytorch.md lacks the ${start} … ${end} markers`);
    return `${s.slice(0, i + start.length)}\n${body}\n${s.slice(j)}`;
  }, md);
}

describe("docs/submit-pytorch.md", () => {
  const md = readFileSync(MD_FILE, "utf8");

  it("has the tables rendered from the code (helper flags, importer errors, supported ops)", () => {
    const expected = renderTables(md);
    if (process.env.UPDATE_DOCS === "1") return writeFileSync(MD_FILE, expected);
    const hint = "run UPDATE_DOCS=1 npx vitest run app/docs/pytorch";
    const section = (s: string, name: string) => s.slice(s.indexOf(`<!-- ${name}:start -->`), s.indexOf(`<!-- ${name}:end -->`));
    for (const name of ["helper-flags", "errors"]) expect(section(md, name), hint).toBe(section(expected, name));
    // The op list must match; the notes may lag the importer's wording (the Markdown says so, the page is live).
    const ops = (s: string) => [...section(s, "supported-ops").matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(ops(md), hint).toEqual(SUPPORTED_ONNX_OPS.map((o) => o.op));
  });

  it("repeats every snippet of the page verbatim", () => {
    const snippets = [
      content.EXPORT_TORCHVISION,
      content.EXPORT_TIMM,
      content.SPLIT_EXTERNAL_DATA,
      content.TORCHVISION_TRANSFORMS,
      content.TIMM_CONFIG,
      content.HELPER_USAGE,
      content.curlExample("http://localhost:3000"),
      content.SUBMIT_HELPER_OUTPUT,
      content.CROSS_CHECK_FAILURE.message,
    ];
    for (const s of snippets) expect(md).toContain(s);
  });

  it("states the importer's opset range", () => {
    expect(md).toContain(`Opset ${ONNX_OPSET_RANGE.min}–${ONNX_OPSET_RANGE.max}`);
  });
});

describe("what the page says matches the code", () => {
  it("lists only messages the importer and the evaluation throw", () => {
    const code = [
      "lib/models/onnx/read.ts",
      "lib/models/onnx/validate.ts",
      "lib/models/onnx/execute.ts",
      "lib/models/validate-onnx-child.ts",
      "lib/models/validate-submission.ts",
      "lib/evaluation/run-samples.ts",
    ]
      .map(read)
      .join("\n");
    for (const e of content.ONNX_ERRORS) for (const fragment of e.source) expect(code, e.message).toContain(fragment);
  });

  it("quotes the cross-check failure as the dry run reports it, with its tolerance and image count", () => {
    const code = ["jobs/worker.ts", "lib/evaluation/cross-check-step.ts", "lib/models/ort/cross-check.ts"].map(read).join("\n");
    for (const fragment of content.CROSS_CHECK_FAILURE.source) expect(code).toContain(fragment);
    expect(read("lib/models/ort/compare-logits.ts")).toContain("LOGITS_RELATIVE_TOLERANCE = 1e-3;");
    expect(read("lib/models/ort/compare-logits.ts")).toContain("LOGITS_RELATIVE_TOLERANCE * Math.max(1, maxLogit)");
    expect(read("jobs/worker.ts")).toContain("const DRY_RUN_IMAGES = 2;");
  });

  it("describes exactly the helper's flags", () => {
    const script = read("tools/onnx/export_onnx.py");
    const declared = [...script.matchAll(/add_argument\("(--[a-z-]+)"/g)].map((m) => m[1]).sort();
    const documented = content.HELPER_FLAGS.map(([f]) => f.split(" ")[0])
      .filter((f) => f.startsWith("--"))
      .sort();
    expect(documented).toEqual(declared);
  });

  it("sends in its curl example only fields the submission API takes, and they parse", () => {
    const curl = content.curlExample("http://localhost:3000");
    const fields = Object.fromEntries([...curl.matchAll(/--form-string "?([a-z_]+)=([^"\\\n]*?)"? \\/g)].map((m) => [m[1], m[2].trim()]));
    expect(Object.keys(fields).length).toBeGreaterThanOrEqual(6);
    for (const k of Object.keys(fields)) expect(SUBMISSION_FIELDS).toContain(k);
    const parsed = parseSubmissionFields(fields);
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    expect(curl).toContain("-F files=@model.onnx");
    expect(curl).toContain('"$SITE/api/v1/submissions"');
  });
});
