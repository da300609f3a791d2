// POST /api/v1/submissions with ONNX models exported by PyTorch at test time: accepted, deduplicated, and refused.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { jobs, models } from "@/db/schema";
import { openTestDatabase } from "@/db/testing";
import { createTestAuth, signUpForTest, TEST_SITE } from "@/lib/auth/testing";
import { onnxCaseFiles, type OnnxCase } from "@/lib/submissions/testing/onnx-fixtures";
import { buildZip } from "@/lib/uploads/fixtures/zip-writer";
import { handleCreateSubmission, type SubmissionDeps } from "./submissions";
import { SlidingWindowLimiter } from "@/lib/auth/rate-limit";

const META = {
  name: "Small CNN",
  family: "CNN",
  training_data: "none (test)",
  trained_on_human_maps: "no",
  preprocessing: "torchvision-imagenet",
  num_classes: "10",
};

function form(c: OnnxCase, fields: Record<string, string> = {}, opts: { zip?: boolean; rename?: string } = {}): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries({ ...META, ...fields })) fd.append(k, v);
  const files = onnxCaseFiles(c).map((f) => (opts.rename && f.name === "model.onnx" ? { ...f, name: opts.rename } : f));
  if (opts.zip) fd.append("files", new Blob([new Uint8Array(buildZip(files))]), "model.zip");
  else for (const f of files) fd.append("files", new Blob([new Uint8Array(f.data)]), f.name);
  return fd;
}

// The importer's own messages, as the user reads them in the 422's body.
const REFUSED: [OnnxCase, RegExp][] = [
  ["truncated", /not an ONNX ModelProto/],
  ["not-onnx", /not an ONNX ModelProto/],
  ["escaping", /external data location "\.\.\/outside\.data" must be a relative path inside the model's folder/],
  ["missing-data", /external data file "model\.onnx\.data" does not exist/],
  ["size-mismatch", /has 4604 bytes of data; its dims × float need 4608/],
  ["unsupported-op", /unsupported ONNX ops: Mish/],
  ["opset-10", /opset 10 is not supported; export with opset 11–18/],
  ["two-inputs", /exactly one input.*input, mask/],
  ["int-input", /must be float32; it is int64/],
  ["softmax-output", /output "logits" is computed by Softmax node "\/softmax\/Softmax": saliency is taken on the pre-softmax logits/],
];

describe("ONNX submissions", () => {
  let handle: DatabaseHandle;
  let deps: SubmissionDeps;
  let ada: { cookie: string; userId: string };
  const submit = (body: FormData, over: Partial<SubmissionDeps> = {}) =>
    handleCreateSubmission(
      { ...deps, ...over },
      new Request(`${TEST_SITE}/api/v1/submissions`, { method: "POST", headers: { cookie: ada.cookie, origin: TEST_SITE }, body }),
    );
  const stored = async () => (await readdir(path.join(deps.dataDir, "models")).catch(() => [])).sort();
  const expectNothingLeft = async (modelsBefore: string[], rowsBefore: number) => {
    expect(await stored()).toEqual(modelsBefore);
    expect(await handle.db.select().from(models)).toHaveLength(rowsBefore);
    expect(await readdir(path.join(deps.dataDir, "tmp"))).toEqual([]);
  };

  beforeAll(async () => {
    handle = await openTestDatabase("pglite");
    const auth = createTestAuth(handle.db);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "submissions-onnx-"));
    deps = {
      db: handle.db,
      auth,
      siteOrigin: TEST_SITE,
      dataDir,
      maxUploadBytes: 8 * 1024 * 1024,
      submissionsPerDay: 50,
      rejectedUploads: new SlidingWindowLimiter(1000, 3600_000),
    };
    ada = await signUpForTest(auth, "ada@example.org", "Ada");
  });
  afterAll(async () => {
    await handle.close();
    await rm(deps.dataDir, { recursive: true, force: true });
  });

  it("accepts a torch.onnx.export file under any name: format onnx, opset and producer recorded, stored as model.onnx", async () => {
    const res = await submit(form("good", {}, { rename: "small_cnn.onnx" }));
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.model).toMatchObject({
      slug: "small-cnn",
      format: "onnx",
      num_classes: 10,
      onnx_opset: 17,
      onnx_producer: expect.stringMatching(/^pytorch \d/),
    });
    // conv 8·3·3·3 + 8 (BatchNorm folded in), conv 16·8·3·3 + 16, linear 16·10 + 10
    expect(body.model.param_count).toBe(216 + 8 + 1152 + 16 + 160 + 10);
    const [row] = await handle.db.select().from(models).where(eq(models.slug, "small-cnn"));
    expect(row).toMatchObject({ format: "onnx", onnxOpset: 17 });
    expect((await readdir(row.artifactPath!)).sort()).toEqual([".files.json", "model.onnx"]);
    expect(await handle.db.select().from(jobs).where(eq(jobs.modelId, row.id))).not.toHaveLength(0);
    expect(await readdir(path.join(deps.dataDir, "tmp"))).toEqual([]);
  });

  it("accepts model.onnx with its external-data file, loose and as a zip (the zip's copy deduplicates)", async () => {
    const res = await submit(form("external", { name: "External CNN" }));
    expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
    const [row] = await handle.db.select().from(models).where(eq(models.slug, "external-cnn"));
    expect((await readdir(row.artifactPath!)).sort()).toEqual([".files.json", "model.onnx", "model.onnx.data"]);
    const before = await stored();
    const again = await submit(form("external", { name: "Zipped" }, { zip: true }));
    expect(again.status).toBe(409);
    await expectNothingLeft(before, 2);
  });

  it("deduplicates the same weights exported again (opset 13, external data) by tensor contents", async () => {
    const before = await stored();
    const res = await submit(form("good-again", { name: "Again" }));
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toContain("Small CNN");
    await expectNothingLeft(before, 2);
  });

  it.each(REFUSED)("refuses %s with 422 and the importer's message, storing nothing", async (c, message) => {
    const before = await stored();
    const res = await submit(form(c, { name: `Bad ${c}` }));
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(422);
    expect(body.error.code).toBe("invalid_model");
    expect(body.error.message).toMatch(message);
    await expectNothingLeft(before, 2);
  });

  it("refuses a wrong class count, two .onnx files, and an ONNX upload over the size cap", async () => {
    const before = await stored();
    const wrong = await submit(form("good", { name: "Wrong", num_classes: "1000" }));
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).error.message).toMatch(/10 classes; expected 1000/);
    const two = form("good", { name: "Two" });
    two.append("files", new Blob([new Uint8Array(onnxCaseFiles("good")[0].data)]), "other.onnx");
    const twoRes = await submit(two);
    expect(twoRes.status).toBe(400);
    expect((await twoRes.json()).error.message).toMatch(/one \.onnx model at a time/);
    expect((await submit(form("good", { name: "Big" }), { maxUploadBytes: 4000 })).status).toBe(413);
    await expectNothingLeft(before, 2);
  });
});
