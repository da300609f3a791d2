/**
 * The submitter's write API in the OpenAPI document, written from the handlers: POST /submissions
 * (lib/api/submissions.ts, lib/types/submission-metadata.ts, lib/uploads/multipart.ts, lib/api/submissions-files.ts,
 * lib/submissions/register.ts), GET /jobs/{id} and POST /jobs/{id}/cancel (lib/api/submissions-jobs.ts). There is no
 * GET /submissions and no token endpoint: personal API tokens are created and revoked only on the account page (its
 * server actions), and a submitter's list is the /submissions page. The limits quoted here are pinned against the
 * code's constants by document.test.ts.
 */
import { describeClassCounts } from "@/lib/benchmarks/eligibility";
import { DEFAULT_MODEL_LIMITS, formatBytes, ONNX_OPSET_RANGE } from "@/lib/types/model-limits";
import { PREPROCESSING_PRESETS, SUBMISSION_FIELDS } from "@/lib/types/submission-metadata";
import { SECURITY_SCHEMES } from "./owner-paths";
import { arr, int, nullable, obj, ref, str, type Schema } from "./schema-helpers";

/** lib/api/submissions.ts MAX_FILES: model.json and the 200 files a model directory may hold. */
export const DOCUMENTED_MAX_UPLOAD_FILES = 201;
/** lib/uploads/multipart.ts MAX_FIELD_BYTES: the longest text field. */
export const DOCUMENTED_MAX_FIELD_BYTES = 64 * 1024;
/** lib/env.ts: MAX_UPLOAD_BYTES's default. */
export const DOCUMENTED_MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
/** lib/uploads/multipart.ts FORM_OVERHEAD_BYTES: a Content-Length past MAX_UPLOAD_BYTES plus this is refused unread. */
export const DOCUMENTED_FORM_OVERHEAD_BYTES = 1024 * 1024;

const json = (schema: Schema, description: string) => ({ description, content: { "application/json": { schema } } });
const error = (description: string) => json(ref("Error"), description);
const retryAfter = { "Retry-After": { description: "Seconds to wait.", schema: int } };
const rateLimited = (description: string) => ({ ...error(description), headers: retryAfter });
const noStore = { "Cache-Control": { description: "Always no-store.", schema: { const: "no-store" } } };

const schemeNames = Object.keys(SECURITY_SCHEMES) as (keyof typeof SECURITY_SCHEMES)[];
/** A token or the site's session (state-changing calls: Origin checked for the session). */
const OWNER = schemeNames.map((name) => ({ [name]: [] }));
/** Anonymous for a public model's job; the owner's (or an admin's) credentials for a private one. */
const OPTIONAL_OWNER = [{}, ...OWNER];

const presets = Object.keys(PREPROCESSING_PRESETS);
const L = DEFAULT_MODEL_LIMITS;
const field = (schema: Schema, description: string): Schema => ({ ...schema, description });
const text = (maxLength: number, description: string) =>
  field({ type: "string", maxLength }, `${description} Leading and trailing spaces are trimmed; at most ${maxLength} characters.`);
const slug = (description: string) => field({ type: "string", pattern: "^[a-z0-9-]{1,80}$" }, description);

const SUBMISSION_FORM: Record<(typeof SUBMISSION_FIELDS)[number], Schema> = {
  name: text(120, "Display name (required). The slug is made from it (first free one); a private model's slug ends in a random suffix."),
  description: text(5000, "Free text; empty when left out."),
  family: text(60, "Architecture family (required), e.g. ResNet, ViT, ConvNeXt."),
  training_data: text(200, "Training data (required), e.g. ImageNet-1k."),
  trained_on_human_maps: field(
    { enum: ["yes", "no", "true", "false"] },
    "Required: 'yes' (or 'true') if the model saw ClickMe or other human attention maps in training, else 'no' (or 'false').",
  ),
  fine_tuned_from: slug(
    "Slug of the parent model: a public model or one of your own (any other slug, including another account's private model, is the same 400).",
  ),
  paper_url: field({ type: "string", maxLength: 2000, pattern: "^https?://\\S+$" }, "An http(s) URL, at most 2000 characters."),
  licence: text(100, "Licence of the weights, e.g. MIT."),
  preprocessing: field(
    { enum: [...presets, "custom"] },
    "Required. The transform x' = (x · scale − mean_c) / std_c applied to RGB pixels in [0, 255]: " +
      presets.map((p) => `${p}: ${PREPROCESSING_PRESETS[p as keyof typeof PREPROCESSING_PRESETS].label}`).join("; ") +
      "; custom: the scale, mean and std fields.",
  ),
  scale: field(str, "preprocessing=custom only: a positive number, as a decimal or a fraction ('1/255', '0.0039', '1')."),
  mean: field(str, "preprocessing=custom only: three numbers 'r,g,b', e.g. 0.485,0.456,0.406."),
  std: field(str, "preprocessing=custom only: three numbers 'r,g,b', each from 0.0001 to 10000, e.g. 0.229,0.224,0.225."),
  logits_node: text(
    200,
    "Which output holds the pre-softmax logits: a TF.js graph model's node or an ONNX output name, checked against the file. Default: the model's single output.",
  ),
  num_classes: field(
    { type: "string", pattern: "^\\s*[0-9]+\\s*$", default: "1000" },
    `Output classes, a whole number from 2 to 100000 (default 1000, ImageNet-1k; checked against the model's output). ` +
      `The model is queued on every current benchmark whose class count is exactly this; the boards take ${describeClassCounts()}. ` +
      "Any other count is a 400 whose details.fields[0].field is num_classes.",
  ),
  visibility: field(
    { enum: ["public", "private"], default: "public" },
    "private: shown only to you (and admins) until you publish it (POST /models/{slug}/publish).",
  ),
  previous_version: slug(
    "Slug of your own earlier model (or, for an admin, anyone's) that this one is a new version of, e.g. the same weights with another preprocessing. Unknown or invisible: 404; another account's public or withdrawn model: 403.",
  ),
};

const FILES = field(
  arr({ type: "string", contentMediaType: "application/octet-stream" }),
  "The model's files, one file part each (send them as parts named files; the part's name is not checked, its filename is). Either " +
    "TF.js: model.json (a layers-model or graph-model) and every .bin weight shard its weightsManifest names; or ONNX: one " +
    `.onnx file (any name, stored as model.onnx; opset ${ONNX_OPSET_RANGE.min}–${ONNX_OPSET_RANGE.max}, one float image input ` +
    "[N,3,H,W] or [N,H,W,3], logits not computed by a Softmax) with the external-data files its initializers name; or one " +
    ".zip of either (then nothing else). A file name is reduced to its last path component, characters other than letters, " +
    "digits, '.', '_' and '-' become '_', leading dots are dropped and at most 100 characters are kept; each name once. " +
    `Limits: ${DOCUMENTED_MAX_UPLOAD_FILES} file parts; in the model directory (also inside a zip) ${L.maxFiles} files, ` +
    `${formatBytes(L.maxFileBytes)} a file, ${formatBytes(L.maxTotalBytes)} in all, model.json ${formatBytes(L.maxModelJsonBytes)}, ` +
    `a zip entry compressed at most ${L.maxCompressionRatio}:1.`,
);

const SUBMISSION_REQUEST = {
  required: true,
  description:
    "multipart/form-data: the text fields below (each at most once, at most " +
    formatBytes(DOCUMENTED_MAX_FIELD_BYTES) +
    ", no others) and the files. The whole body is capped at the deployment's MAX_UPLOAD_BYTES (default " +
    formatBytes(DOCUMENTED_MAX_UPLOAD_BYTES) +
    "); a Content-Length above it plus " +
    formatBytes(DOCUMENTED_FORM_OVERHEAD_BYTES) +
    " is refused before the body is read. The web form (/submit) sends the same fields.",
  content: {
    "multipart/form-data": {
      schema: {
        type: "object",
        properties: { ...SUBMISSION_FORM, files: FILES },
        required: ["name", "family", "training_data", "trained_on_human_maps", "preprocessing", "files"],
        additionalProperties: false,
      },
      encoding: { files: { contentType: "application/octet-stream, application/json, application/zip" } },
    },
  },
};

const jobStatus = { enum: ["queued", "running", "succeeded", "failed", "cancelled"] };

export const SUBMISSION_SCHEMAS: Record<string, Schema> = {
  SubmissionCreated: obj({
    model: obj({
      slug: str,
      display_name: str,
      visibility: { enum: ["public", "private"] },
      format: { enum: ["layers", "graph", "onnx"] },
      onnx_opset: nullable(int),
      onnx_producer: nullable(str),
      format_label: { ...str, description: '"TF.js layers", "TF.js graph", "ONNX opset 17 · pytorch 1.13.1".' },
      param_count: nullable(int),
      weights_hash: { ...nullable(str), description: "sha256 of the stored weights (ONNX: of the tensor contents in graph order)." },
      num_classes: int,
      previous_version: nullable(str),
      status_url: { ...str, description: "The model's status page, /submissions/{slug} (HTML)." },
    }),
    jobs: arr(
      obj(
        {
          id: int,
          benchmark: obj({ id: str, version: int }),
          status: jobStatus,
          status_url: { ...str, description: "/api/v1/jobs/{id}: poll it (GET /jobs/{id})." },
        },
        [],
        "One evaluation job per benchmark the model was queued on.",
      ),
    ),
    warnings: {
      ...arr(str),
      description: "E.g. that the output ends in a softmax, which the evaluation drops (saliency is taken on the logits).",
    },
  }),
};

const jobIdParam = {
  name: "id",
  in: "path",
  required: true,
  description: "Job id (a positive decimal integer; other forms are a 400).",
  schema: { type: "integer", minimum: 1 },
};

export const SUBMISSION_PATHS = {
  "/submissions": {
    post: {
      operationId: "createSubmission",
      summary: "Submit a model (TF.js or ONNX) with its metadata; its evaluations are queued",
      description:
        "A personal API token (Authorization: Bearer hlp_…; create and revoke tokens on the account page, /account: there is " +
        "no token endpoint) or the site's session from its own pages (Origin checked). Checked in this order: the " +
        "credentials (401, 403); the refused-uploads limit (REJECTED_UPLOADS_PER_HOUR, default 20, refused uploads " +
        "— any 4xx but a 429 — per account, or per client address without valid credentials, in a sliding hour) and " +
        "the daily limit (SUBMISSIONS_PER_DAY, default 5, models per account in 24 hours), both before the body is " +
        "read (429); the body (400, 413); the fields (400 naming the first bad one, every one in details.fields); " +
        "the files as sent (400, 413); num_classes against the boards (400); the model itself (422); then, in one transaction, the daily " +
        "limit again, previous_version (404, 403), duplicates (409) and fine_tuned_from (400). A duplicate is the " +
        "same weights and the same preprocessing among your own models (details {existing, url: /submissions/{slug}, " +
        "own: true}) or the public ones (details {existing, url: /models/{slug}, own: false}); another account's " +
        "private model is never one. The same weights with another preprocessing are a new model. There is no GET " +
        "/submissions: your submissions are listed on the /submissions page; poll each job with GET /jobs/{id}.",
      tags: ["Submissions"],
      security: OWNER,
      requestBody: SUBMISSION_REQUEST,
      responses: {
        "201": { ...json(ref("SubmissionCreated"), "Registered: the model and its queued evaluation jobs."), headers: noStore },
        "400": error(
          "bad_request: a field is missing or invalid (message names the first; details.fields = [{field, message}] lists all, in form order), num_classes fits no board, or fine_tuned_from names no model you may see. invalid_upload: not multipart/form-data, an empty or malformed body, no file, an unknown or repeated field, a .zip sent with other files, two .onnx files, no model.json or .onnx, a file name sent twice, or an unsafe zip.",
        ),
        "401": error("unauthenticated: no credentials, a malformed Authorization header, or an unknown or revoked token."),
        "403": error(
          "forbidden: a session cookie sent from another site, or previous_version is another account's public or withdrawn model.",
        ),
        "404": error("not_found: previous_version names no model you may see."),
        "409": error(
          "conflict: the same weights and preprocessing are already one of your models or a public model (details {existing, url, own}); or no free slug was found (try again).",
        ),
        "413": error(
          "payload_too_large: the body is over MAX_UPLOAD_BYTES, a field over 64 KiB, too many file parts, or a .zip whose entries exceed the model limits.",
        ),
        "422": error(
          "invalid_model: the files are not a model this leaderboard can evaluate (the message says what and what is allowed): unreadable model.json or ONNX, no model.json at the top level, unsupported layers or ops, an input that is not one image, an output that is not num_classes wide, an unknown logits_node, missing or mismatched weight files, or loose files over the model directory's limits.",
        ),
        "429": rateLimited(
          "rate_limited: the daily limit (details.retryAfter, an ISO time) or the refused-uploads limit (details.retryAfterSeconds).",
        ),
      },
    },
  },
  "/jobs/{id}": {
    get: {
      operationId: "getJob",
      summary: "An evaluation job's status: queue position, what it waits for, progress, attempts, failure, result",
      description:
        "Anyone may read a public model's job; a private model's job answers its owner and admins only (404 to anyone " +
        "else). Not cached (Cache-Control: no-store); counted against the read rate limit. result is set once status is " +
        "succeeded (null to others when the result itself is private). Poll every few seconds until status is " +
        "succeeded, failed or cancelled.",
      tags: ["Submissions"],
      security: OPTIONAL_OWNER,
      parameters: [jobIdParam],
      responses: {
        "200": { ...json(ref("JobStatus"), "The job."), headers: noStore },
        "400": error("bad_request: the id is not a positive decimal integer."),
        "401": error("unauthenticated: an Authorization header that is malformed, or an unknown or revoked token."),
        "404": error("not_found: no such job, or one of a private model you may not see."),
        "429": rateLimited("rate_limited: the read rate limit."),
      },
    },
  },
  "/jobs/{id}/cancel": {
    post: {
      operationId: "cancelJob",
      summary: "Cancel a queued or running evaluation (its model's owner, or an admin)",
      description:
        "No body is needed. The job is marked cancelled at once; a worker still running it has its next heartbeat or report refused (409). An HTML form post " +
        "(application/x-www-form-urlencoded, the status page's button) is answered 303 to /submissions/{slug}. " +
        "Counted against the write rate limit. POST /jobs/{id}/requeue runs it again.",
      tags: ["Submissions"],
      security: OWNER,
      parameters: [jobIdParam],
      requestBody: {
        required: false,
        content: { "application/x-www-form-urlencoded": { schema: { type: "object" } } },
      },
      responses: {
        "200": { ...json(ref("JobStatus"), "The job, now cancelled."), headers: noStore },
        "303": { description: "Form post: redirect to the model's status page." },
        "400": error("bad_request: the id is not a positive decimal integer."),
        "401": error("unauthenticated: no credentials, or an unknown or revoked token."),
        "403": error("forbidden: a session cookie sent from another site, or a public model's job that is not yours."),
        "404": error("not_found: no such job, or one of a private model you may not see."),
        "409": error("conflict: the job is not queued or running."),
        "429": rateLimited("rate_limited: the write rate limit."),
      },
    },
  },
};
