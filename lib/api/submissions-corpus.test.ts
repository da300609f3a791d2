/**
 * The malformed-upload corpus through the real entry point: POST /api/v1/submissions's handler behind a node:http
 * server, both ways it is called (a personal API token, and the web form's session cookie from the site's own
 * origin). Every case asserts the status, error code and message, and that no model row and no file remain.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { models } from "@/db/schema";
import { openTestDatabase } from "@/db/testing";
import { SlidingWindowLimiter } from "@/lib/auth/rate-limit";
import { createTestAuth, signUpForTest, TEST_SITE } from "@/lib/auth/testing";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { DEFAULT_MODEL_LIMITS, type ModelLimits } from "@/lib/types/model-limits";
import { createApiToken } from "@/lib/queries/api-tokens";
import { onnxCaseFiles, type OnnxCase } from "@/lib/submissions/testing/onnx-fixtures";
import { clone, modelJsonBytes, tinyGraphModel, tinyLayersModel, type ModelFiles } from "@/lib/uploads/fixtures/tiny-models";
import { buildZip, type ZipEntrySpec } from "@/lib/uploads/fixtures/zip-writer";
import type { SubmissionDeps } from "./submissions";
import { serveSubmissions } from "./testing/submissions-server";

type Upload = ModelFiles | { modelJsonText: string; files: Record<string, Buffer> };
type Case = {
  name: string;
  code: ErrorCode;
  message: string;
  zip: () => ZipEntrySpec[];
  opts?: { limits?: Partial<ModelLimits>; logitsNode?: string };
};

const MiB = 1024 * 1024;
const MAX_UPLOAD = MiB;
const entriesOf = (m: Upload, prefix = ""): ZipEntrySpec[] => [
  { name: `${prefix}model.json`, data: modelJsonBytes(m) },
  ...Object.entries(m.files).map(([name, data]) => ({ name: `${prefix}${name}`, data })),
];
/** A malformed model: the tiny layers (or graph) model with one thing broken, uploaded as a zip. */
const model =
  (mutate: (m: ModelFiles) => void, base: () => ModelFiles = tinyLayersModel) =>
  () => {
    const m = clone(base());
    mutate(m);
    return entriesOf(m);
  };
const manifest = (m: ModelFiles) => m.modelJson.weightsManifest as { paths: string[]; weights: Record<string, unknown>[] }[];
const layers = (m: ModelFiles) =>
  (m.modelJson.modelTopology as { config: { layers: { config: Record<string, unknown> }[] } }).config.layers;
const graphNodes = (m: ModelFiles) => (m.modelJson.modelTopology as { node: Record<string, unknown>[] }).node;
const shardName = "group1-shard1of1.bin";
const good = () => entriesOf(tinyLayersModel());

const CASES: Case[] = [
  // model.json structure
  {
    name: "not JSON",
    code: "invalid_model",
    message: "model.json is not valid JSON",
    zip: () => entriesOf({ modelJsonText: "{ modelTopology: ", files: {} }),
  },
  {
    name: "JSON array",
    code: "invalid_model",
    message: "must contain a JSON object; it contains an array",
    zip: () => entriesOf({ modelJsonText: "[1, 2]", files: {} }),
  },
  {
    name: "JSON null",
    code: "invalid_model",
    message: "must contain a JSON object; it contains null",
    zip: () => entriesOf({ modelJsonText: "null", files: {} }),
  },
  {
    name: "nested 30,000 levels",
    code: "invalid_model",
    message: "model.json is nested deeper than 100 levels",
    zip: () => {
      const m = tinyLayersModel();
      const text = JSON.stringify(m.modelJson).replace(/^\{/, `{"userDefinedMetadata":${"[".repeat(30_000)}${"]".repeat(30_000)},`);
      return entriesOf({ modelJsonText: text, files: m.files });
    },
  },
  {
    name: "missing modelTopology",
    code: "invalid_model",
    message: "'modelTopology' is missing",
    zip: model((m) => delete m.modelJson.modelTopology),
  },
  {
    name: "missing weightsManifest",
    code: "invalid_model",
    message: "'weightsManifest' is missing",
    zip: model((m) => delete m.modelJson.weightsManifest),
  },
  {
    name: "format disagrees with topology",
    code: "invalid_model",
    message: "the format and the topology must agree",
    zip: model((m) => (m.modelJson.format = "graph-model")),
  },
  {
    name: "model.json inside a folder",
    code: "invalid_model",
    message: "put model.json and its weight files at the top level",
    zip: () => entriesOf(tinyLayersModel(), "mymodel/"),
  },
  {
    name: "model.json over its size limit",
    code: "invalid_model",
    message: "model.json is 1.5 KiB; it may be at most 1 KiB",
    opts: { limits: { maxModelJsonBytes: 1024 } },
    zip: good,
  },
  // manifest against shards
  {
    name: "path traversal in manifest",
    code: "invalid_model",
    message: "paths[0] '../group1-shard1of1.bin' contains a '..' segment",
    zip: model((m) => (manifest(m)[0].paths[0] = `../${shardName}`)),
  },
  {
    name: "absolute manifest path",
    code: "invalid_model",
    message: "'/etc/passwd' is absolute",
    zip: model((m) => (manifest(m)[0].paths[0] = "/etc/passwd")),
  },
  {
    name: "missing shard",
    code: "invalid_model",
    message:
      "paths[1] 'group1-shard2of2.bin' is listed but the upload has no such file; uploaded files: 'group1-shard1of2.bin', 'model.json'",
    zip: model(
      (m) => delete m.files["group1-shard2of2.bin"],
      () => tinyLayersModel({ shards: 2 }),
    ),
  },
  {
    name: "extra unlisted shard",
    code: "invalid_model",
    message: "weight files not listed in model.json's weightsManifest: 'extra.bin'",
    zip: model((m) => (m.files["extra.bin"] = Buffer.alloc(8))),
  },
  {
    name: "shard too short",
    code: "invalid_model",
    message: "weights need 12224 bytes (Σ prod(shape) × bytes per dtype) but its files 'group1-shard1of1.bin' hold 12220 bytes (too short)",
    zip: model((m) => (m.files[shardName] = m.files[shardName].subarray(0, -4))),
  },
  {
    name: "shard too long",
    code: "invalid_model",
    message: "hold 12228 bytes (too long)",
    zip: model((m) => (m.files[shardName] = Buffer.concat([m.files[shardName], Buffer.alloc(4)]))),
  },
  {
    name: "bad dtype",
    code: "invalid_model",
    message: "('conv/bias') has dtype \"float64\"; allowed: 'float32', 'int32', 'bool', 'uint8', 'float16'",
    zip: model((m) => (manifest(m)[0].weights[1].dtype = "float64")),
  },
  {
    name: "dtype from the prototype chain",
    code: "invalid_model",
    message: "('conv/bias') has dtype \"toString\"; allowed:",
    zip: model((m) => (manifest(m)[0].weights[1].dtype = "toString")),
  },
  {
    name: "dtype __proto__",
    code: "invalid_model",
    message: "('conv/bias') has dtype \"__proto__\"; allowed:",
    zip: model((m) => (manifest(m)[0].weights[1].dtype = "__proto__")),
  },
  {
    name: "shard in a sub-folder",
    code: "invalid_model",
    message: "paths[0] 'weights/group1-shard1of1.bin' is inside a folder; weight files must sit beside model.json",
    zip: () => {
      const m = tinyLayersModel();
      manifest(m)[0].paths[0] = `weights/${shardName}`;
      return [
        { name: "model.json", data: modelJsonBytes(m) },
        { name: `weights/${shardName}`, data: m.files[shardName] },
      ];
    },
  },
  {
    name: "negative shape",
    code: "invalid_model",
    message: "has the dimension -2; dimensions must be non-negative integers",
    zip: model((m) => (manifest(m)[0].weights[1].shape = [-2])),
  },
  {
    name: "duplicate weight names",
    code: "invalid_model",
    message: "repeats the weight name 'conv/kernel'",
    zip: model((m) => (manifest(m)[0].weights[1].name = "conv/kernel")),
  },
  // input and output contract
  {
    name: "wrong input channels",
    code: "invalid_model",
    message: "the model input is [null,224,224,1]; it must be [null, 224, 224, 3]",
    zip: model((m) => (layers(m)[0].config.batch_input_shape = [null, 224, 224, 1])),
  },
  {
    name: "wrong input size",
    code: "invalid_model",
    message:
      "[null,299,299,3]; it must be [null, 224, 224, 3] (batch, height, width, RGB channels; height and width may be null): the ClickMe protocol feeds 224×224 RGB images",
    zip: model((m) => (layers(m)[0].config.batch_input_shape = [null, 299, 299, 3])),
  },
  {
    name: "wrong class count",
    code: "invalid_model",
    message: "the final Dense layer 'logits' has 10 units; this benchmark needs 1000",
    zip: model(
      () => {},
      () => tinyLayersModel({ classes: 10 }),
    ),
  },
  {
    name: "sigmoid output",
    code: "invalid_model",
    message: "applies the activation \"sigmoid\" to the output; only 'linear' (logits) or 'softmax' are allowed",
    zip: model((m) => (layers(m)[2].config.activation = "sigmoid")),
  },
  {
    name: "graph model without logits node",
    code: "invalid_model",
    message:
      "a graph model needs logitsNode: the name of the node that outputs the pre-softmax class logits; candidates in this graph: 'logits'",
    zip: model(() => {}, tinyGraphModel),
  },
  {
    name: "graph model with unknown logits node",
    code: "invalid_model",
    message: "logitsNode 'fc1000' is not a node of this graph; candidates: 'logits'",
    opts: { logitsNode: "fc1000" },
    zip: model(() => {}, tinyGraphModel),
  },
  {
    name: "graph logits node is the softmax",
    code: "invalid_model",
    message: "logitsNode 'probs' is a Softmax; name the node feeding it ('logits')",
    opts: { logitsNode: "probs" },
    zip: model(() => {}, tinyGraphModel),
  },
  {
    name: "graph input too small",
    code: "invalid_model",
    message: "the graph input 'input:0' has shape [-1,32,32,3]",
    opts: { logitsNode: "logits" },
    zip: model(
      (m) =>
        ((m.modelJson.signature as { inputs: Record<string, { tensorShape: unknown }> }).inputs["input:0"].tensorShape = {
          dim: [-1, 32, 32, 3].map((s) => ({ size: String(s) })),
        }),
      tinyGraphModel,
    ),
  },
  {
    name: "graph logits with the wrong class count",
    code: "invalid_model",
    message: "logitsNode 'logits' produces 10 classes (from its weights); this benchmark needs 1000",
    opts: { logitsNode: "logits" },
    zip: model(
      () => {},
      () => tinyGraphModel({ classes: 10 }),
    ),
  },
  {
    name: "graph with two placeholders",
    code: "invalid_model",
    message: "the graph has 2 Placeholder nodes ('input', 'input2')",
    opts: { logitsNode: "logits" },
    zip: model((m) => {
      delete m.modelJson.signature;
      graphNodes(m).push({ ...graphNodes(m)[0], name: "input2" });
    }, tinyGraphModel),
  },
  // the archive itself
  {
    name: "zip-slip entry",
    code: "invalid_upload",
    message: "zip entry '../evil.sh' contains a '..' segment",
    zip: () => [...good(), { name: "../evil.sh", data: Buffer.from("x") }],
  },
  {
    name: "zip-slip inside a folder",
    code: "invalid_upload",
    message: "zip entry 'a/../../evil.sh' contains a '..' segment",
    zip: () => [...good(), { name: "a/../../evil.sh", data: Buffer.from("x") }],
  },
  {
    name: "absolute path entry",
    code: "invalid_upload",
    message: "zip entry '/tmp/evil.sh' is absolute",
    zip: () => [{ name: "/tmp/evil.sh", data: Buffer.from("x") }, ...good()],
  },
  {
    name: "backslash entry",
    code: "invalid_upload",
    message: "contains a backslash",
    zip: () => [{ name: "..\\evil.sh", data: Buffer.from("x") }],
  },
  {
    name: "drive letter entry",
    code: "invalid_upload",
    message: "zip entry 'C:/evil.sh' starts with a drive letter",
    zip: () => [{ name: "C:/evil.sh", data: Buffer.from("x") }],
  },
  {
    name: "symlink entry",
    code: "invalid_upload",
    message: "zip entry 'model.json' is a symbolic link",
    zip: () => [{ name: "model.json", data: Buffer.from("/etc/passwd"), unixMode: 0o120777, method: "store" }],
  },
  {
    name: "zip bomb (high ratio)",
    code: "payload_too_large",
    message: "(a zip bomb?); at most 100× is allowed",
    zip: () => [...good(), { name: "pad.dat", data: Buffer.alloc(8 * MiB) }],
  },
  {
    name: "zip bomb lying about its size",
    code: "invalid_upload",
    message: "its headers lie about sizes",
    zip: () => [{ name: "pad.dat", data: Buffer.alloc(8 * MiB), declaredSize: 1000 }],
  },
  {
    name: "too many files",
    code: "payload_too_large",
    message: "at most 3 are allowed",
    opts: { limits: { maxFiles: 3 } },
    zip: () => [...good(), ...["a", "b", "c"].map((n) => ({ name: `${n}.txt`, data: Buffer.from(n) }))],
  },
  {
    name: "file too large",
    code: "payload_too_large",
    message: "zip entry 'group1-shard1of1.bin' is 11.9 KiB uncompressed; each file may be at most 8 KiB",
    opts: { limits: { maxFileBytes: 8192 } },
    zip: good,
  },
  {
    name: "total too large",
    code: "payload_too_large",
    message: "the archive expands to 19.3 KiB; at most 16 KiB in total are allowed",
    opts: { limits: { maxTotalBytes: 16384 } },
    zip: () => [...good(), { name: "notes.txt", data: randomBytes(6000) }],
  },
  {
    name: "nested zip by name",
    code: "invalid_upload",
    message: "zip entry 'inner.zip' is an archive inside the archive",
    zip: () => [...good(), { name: "inner.zip", data: buildZip(good()) }],
  },
  {
    name: "nested zip disguised as a shard",
    code: "invalid_upload",
    message: "zip entry 'group1-shard1of1.bin' is itself a zip archive",
    zip: () => [{ name: shardName, data: buildZip(good()) }],
  },
  {
    name: "encrypted entry",
    code: "invalid_upload",
    message: "zip entry 'model.json' is encrypted",
    zip: () => [{ name: "model.json", data: Buffer.from("{}"), extraFlags: 1 }],
  },
  {
    name: "duplicate entry names",
    code: "invalid_upload",
    message: "zip entry 'model.json' appears twice",
    zip: () => [...good(), { name: "model.json", data: Buffer.from("{}") }],
  },
  {
    name: "file where a folder must be",
    code: "invalid_upload",
    message: "zip entry 'a/b.txt' lies inside 'a', which is a file",
    zip: () => [
      { name: "a", data: Buffer.from("x") },
      { name: "a/b.txt", data: Buffer.from("y") },
    ],
  },
  { name: "empty zip", code: "invalid_upload", message: "the zip archive is empty", zip: () => [] },
];

const ONNX_REFUSED: [OnnxCase, string][] = [
  ["truncated", "the file is not an ONNX ModelProto"],
  ["not-onnx", "the file is not an ONNX ModelProto"],
  ["escaping", `external data location "../outside.data" must be a relative path inside the model's folder`],
  ["missing-data", `external data file "model.onnx.data" does not exist`],
  ["size-mismatch", "has 4604 bytes of data; its dims × float need 4608"],
  ["unsupported-op", "unsupported ONNX ops: Mish (nodes: /2/Relu). Supported ops: "],
  ["opset-10", "ONNX opset 10 is not supported; export with opset 11–18"],
  ["two-inputs", "the model must have exactly one input (not an initializer); it has 2: input, mask"],
  ["int-input", `input "input" must be float32; it is int64`],
  [
    "softmax-output",
    `output "logits" is computed by Softmax node "/softmax/Softmax": saliency is taken on the pre-softmax logits (protocol §3)`,
  ],
];

const META = {
  name: "Corpus Net",
  family: "CNN",
  training_data: "none (test)",
  trained_on_human_maps: "no",
  preprocessing: "torchvision-imagenet",
};
type Part = [string, string | Blob, string?];
const formOf = (parts: Part[]) => {
  const fd = new FormData();
  for (const [name, value, filename] of parts) {
    if (typeof value === "string") fd.append(name, value);
    else fd.append(name, value, filename);
  }
  return fd;
};
const metaParts = (fields: Record<string, string>): Part[] => Object.entries(fields).map(([k, v]) => [k, v]);
const zipForm = (entries: ZipEntrySpec[] | Buffer, fields: Record<string, string>) =>
  formOf([
    ...metaParts({ ...META, ...fields }),
    ["files", new Blob([new Uint8Array(Buffer.isBuffer(entries) ? entries : buildZip(entries))]), "model.zip"],
  ]);
const blob = (n: number) => new Blob([new Uint8Array(randomBytes(n))]);
const withMeta = (...files: Part[]) => formOf([...metaParts({ ...META, num_classes: "1000" }), ...files]);

type RawBody = { body: FormData | string; contentType?: string };
const MULTIPART_CASES: { name: string; code: ErrorCode; message: string; req: () => RawBody }[] = [
  {
    name: "over the size cap",
    code: "payload_too_large",
    message: "the upload is larger than 1 MiB, the most allowed",
    req: () => ({ body: withMeta(["files", blob(MAX_UPLOAD + 1000), "model.zip"]) }),
  },
  {
    name: "over the cap across files",
    code: "payload_too_large",
    message: "the upload is larger than 1 MiB",
    req: () => ({ body: withMeta(["files", blob(MAX_UPLOAD / 2 + 1000), "a.bin"], ["files", blob(MAX_UPLOAD / 2 + 1000), "b.bin"]) }),
  },
  { name: "missing file", code: "invalid_upload", message: "the upload has no file", req: () => ({ body: withMeta() }) },
  {
    name: "empty file input",
    code: "invalid_upload",
    message: "the upload has no file",
    req: () => ({ body: withMeta(["files", new Blob([]), ""]) }),
  },
  {
    name: "unexpected field",
    code: "invalid_upload",
    message: "unexpected form field 'role'; allowed fields: name, ",
    req: () => ({
      body: formOf([
        ["role", "admin"],
        ["files", blob(10), "m.zip"],
      ]),
    }),
  },
  {
    name: "field sent twice",
    code: "invalid_upload",
    message: "form field 'name' is sent twice",
    req: () => ({
      body: formOf([
        ["name", "a"],
        ["name", "b"],
        ["files", blob(10), "m.zip"],
      ]),
    }),
  },
  {
    name: "too many files",
    code: "payload_too_large",
    message: "the upload has more than 201 files, the most allowed",
    req: () => ({ body: withMeta(...Array.from({ length: 202 }, (_, i) => ["files", blob(10), `${i}.bin`] as Part)) }),
  },
  {
    name: "not multipart",
    code: "invalid_upload",
    message: "must be sent as multipart/form-data; got content-type 'application/json'",
    req: () => ({ body: "{}", contentType: "application/json" }),
  },
  {
    name: "truncated body",
    code: "invalid_upload",
    message: "the multipart body is malformed or was cut off",
    req: () => ({
      contentType: "multipart/form-data; boundary=XX",
      body: '--XX\r\ncontent-disposition: form-data; name="files"; filename="m.zip"\r\n\r\nabcdef',
    }),
  },
];

let handle: DatabaseHandle;
let deps: SubmissionDeps;
let server: { url: string; stop: () => Promise<void> };
let token: string;
let session: { cookie: string };

beforeAll(async () => {
  handle = await openTestDatabase("pglite");
  const auth = createTestAuth(handle.db);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "corpus-"));
  deps = {
    db: handle.db,
    auth,
    siteOrigin: TEST_SITE,
    dataDir,
    maxUploadBytes: MAX_UPLOAD,
    submissionsPerDay: 50,
    rejectedUploads: new SlidingWindowLimiter(10_000, 3600_000),
  };
  server = await serveSubmissions(() => deps);
  const user = await signUpForTest(auth, "corpus@example.org", "Corpus");
  token = (await createApiToken(handle.db, user.userId, "ci")).token;
  session = await signUpForTest(auth, "form@example.org", "Form");
});
afterAll(async () => {
  await server?.stop();
  await handle?.close();
  if (deps) await rm(deps.dataDir, { recursive: true, force: true });
});

const WAYS = {
  token: () => ({ authorization: `Bearer ${token}` }),
  "session (the web form)": () => ({ cookie: session.cookie, origin: TEST_SITE }),
};
type Way = keyof typeof WAYS;

async function post(way: Way, { body, contentType }: RawBody, limits?: Partial<ModelLimits>): Promise<Response> {
  deps.modelLimits = limits ? { ...DEFAULT_MODEL_LIMITS, ...limits } : undefined;
  const headers: Record<string, string> = { ...WAYS[way](), ...(contentType ? { "content-type": contentType } : {}) };
  return fetch(server.url, { method: "POST", headers, body });
}

const listed = (dir: string) => readdir(path.join(deps.dataDir, dir)).catch(() => []);

async function expectRefused(res: Response, code: ErrorCode, message: string): Promise<void> {
  const body = await res.json();
  expect(body.error?.message, "the upload was accepted").toContain(message);
  expect(body.error.code).toBe(code);
  expect(res.status).toBe(ERROR_STATUS[code]);
  expect(await handle.db.select({ id: models.id }).from(models)).toEqual([]);
  expect(await listed("models")).toEqual([]);
  expect(await listed("tmp")).toEqual([]);
}

describe.each(Object.keys(WAYS) as Way[])("malformed uploads through POST /api/v1/submissions with a %s", (way) => {
  it.each(CASES.map((c) => [c.name, c] as const))("zip: %s", async (_name, c) => {
    const fields = { num_classes: "1000", ...(c.opts?.logitsNode ? { logits_node: c.opts.logitsNode } : {}) };
    await expectRefused(await post(way, { body: zipForm(c.zip(), fields) }, c.opts?.limits), c.code, c.message);
  });

  it("zip: a truncated zip and a file that is not a zip", async () => {
    const whole = buildZip(good());
    for (const bytes of [whole.subarray(0, Math.floor(whole.length / 2)), randomBytes(4096), Buffer.alloc(0)]) {
      await expectRefused(
        await post(way, { body: zipForm(bytes, { num_classes: "1000" }) }),
        "invalid_upload",
        "the upload is not a readable zip archive",
      );
    }
  });

  it.each(MULTIPART_CASES.map((c) => [c.name, c] as const))("multipart: %s", async (_name, c) => {
    await expectRefused(await post(way, c.req()), c.code, c.message);
  });

  it.each(ONNX_REFUSED)("onnx: %s", async (c, message) => {
    await expectRefused(await post(way, { body: zipForm(onnxCaseFiles(c), { num_classes: "10" }) }), "invalid_model", message);
  });

  it("onnx: a wrong class count, model.json beside model.onnx, a folder, a file over the size limit", async () => {
    const onnx = onnxCaseFiles("external");
    const cases: [ZipEntrySpec[], string, Partial<ModelLimits> | undefined, ErrorCode, string][] = [
      [onnx, "1000", undefined, "invalid_model", `output "logits" has 10 classes; expected 1000`],
      [
        [...onnx, ...entriesOf(tinyLayersModel())],
        "10",
        undefined,
        "invalid_model",
        "the upload has both model.onnx and model.json; send one model",
      ],
      [
        onnx.map((f) => ({ ...f, name: `cnn/${f.name}` })),
        "10",
        undefined,
        "invalid_model",
        "the upload has no model.onnx at its top level; found 'cnn/model.onnx' — put the .onnx file",
      ],
      [onnx, "10", { maxFileBytes: 4096 }, "payload_too_large", "at most 4 KiB"],
    ];
    for (const [files, numClasses, limits, code, message] of cases) {
      await expectRefused(await post(way, { body: zipForm(files, { num_classes: numClasses }) }, limits), code, message);
    }
  }, 60_000);
});

// Last: the unbroken base models are accepted through the same path, so each case above fails for its own reason.
it("accepts the unbroken base models (layers, graph, ONNX) through the same handler", async () => {
  const accepted = async (way: Way, entries: ZipEntrySpec[], fields: Record<string, string>) => {
    const res = await post(way, { body: zipForm(entries, { ...fields, name: `Base ${fields.num_classes} ${Math.random()}` }) });
    expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
    return (await res.json()).model.format;
  };
  expect(await accepted("token", good(), { num_classes: "1000" })).toBe("layers");
  expect(await accepted("session (the web form)", entriesOf(tinyGraphModel()), { num_classes: "1000", logits_node: "logits" })).toBe(
    "graph",
  );
  expect(await accepted("token", onnxCaseFiles("external"), { num_classes: "10" })).toBe("onnx");
  expect(await listed("tmp")).toEqual([]);
}, 60_000);
