/**
 * The owner's endpoints in the OpenAPI document: publishing a private result or model and re-queueing an evaluation
 * (bearer token, or the site's session cookie from its own pages), and the per-image downloads of a result. A private
 * resource answers its owner only; to anyone else it is the 404 of an id nobody has.
 */
import { OWNER_MAX_ATTEMPTS_PER_JOB } from "@/lib/types/model-limits";
import { arr, bool, dateTime, int, nullable, num, obj, ref, str, type Schema } from "./schema-helpers";

const json = (schema: Schema, description: string) => ({ description, content: { "application/json": { schema } } });
const error = (description: string) => json(ref("Error"), description);

export const SECURITY_SCHEMES = {
  bearerToken: { type: "http", scheme: "bearer", description: "A personal API token (hlp_…) from the account page." },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: "better-auth.session_token",
    description: "The site's session; state-changing calls must come from the site's own pages (Origin is checked).",
  },
};
/** Either credential; reads of public data need none. */
const OWNER = [{ bearerToken: [] }, { sessionCookie: [] }];
const OPTIONAL_OWNER = [{}, ...OWNER];

const writeErrors = (notFound: string) => ({
  "400": error("Malformed id, or a form post without confirm=yes."),
  "401": error("No credentials, or an unknown or revoked token."),
  "403": error("A session cookie sent from another site, or a caller who may see this but does not own it (an admin)."),
  "404": error(notFound),
  "409": error("Not allowed in the current state (the message says why)."),
  "429": { ...error("Rate limit exceeded."), headers: { "Retry-After": { description: "Seconds to wait.", schema: int } } },
});

const formBody = (extra: Record<string, Schema> = {}) => ({
  content: {
    "application/json": { schema: { type: "object", additionalProperties: false } },
    "application/x-www-form-urlencoded": { schema: { type: "object", properties: extra } },
  },
});

const post = (
  operationId: string,
  summary: string,
  description: string,
  params: unknown[],
  ok: Schema,
  okText: string,
  notFound: string,
  body = formBody(),
) => ({
  post: {
    operationId,
    summary,
    description,
    tags: ["Owner"],
    security: OWNER,
    parameters: params,
    requestBody: { ...body, required: false },
    responses: { "200": json(ok, okText), "303": { description: "Form post: redirect to the page." }, ...writeErrors(notFound) },
  },
});

const idParam = (what: string) => ({
  name: "id",
  in: "path",
  required: true,
  description: `${what} id.`,
  schema: { type: "integer", minimum: 1 },
});
const confirm = { confirm: { const: "yes", description: "Form posts only: the page's confirmation box." } };

const slugParam = { name: "slug", in: "path", required: true, description: "Model id.", schema: str };
const jsonOnly = (schema: Schema) => ({ content: { "application/json": { schema } } });
/** The same model object as GET /models/{slug} returns, with its history after the change. */
const modelAfter = json(
  obj({ model: { type: "object", description: "As ModelDetail.model." }, history: arr(ref("ModelHistoryEntry")) }),
  "The model after the change, and its history (newest first).",
);

const EDIT_FIELDS: Record<string, Schema> = {
  name: { type: "string", minLength: 1, maxLength: 120 },
  description: { type: ["string", "null"], maxLength: 5000 },
  paper_url: { type: ["string", "null"], maxLength: 2000, description: 'http(s) URL; null or "" clears it.' },
  code_url: { type: ["string", "null"], maxLength: 2000, description: 'http(s) URL; null or "" clears it.' },
  weights_url: { type: ["string", "null"], maxLength: 2000, description: 'http(s) URL; null or "" clears it.' },
  licence: { type: ["string", "null"], maxLength: 100 },
};

/** PATCH and DELETE on /models/{slug}, merged with its GET in document.ts. */
export const MODEL_WRITE_OPERATIONS = {
  patch: {
    operationId: "editModel",
    summary: "Edit a model's display metadata (owner only), recorded in its dated history",
    description:
      "Send only the fields to change; an unknown field is a 400 naming it (weights, preprocessing, classes and training declarations are not editable: submit a new version with previous_version). The slug never changes. Only changed fields are recorded.",
    tags: ["Owner"],
    security: OWNER,
    parameters: [slugParam],
    requestBody: {
      required: true,
      ...jsonOnly({ type: "object", properties: EDIT_FIELDS, additionalProperties: false, minProperties: 1 }),
    },
    responses: {
      "200": json(
        obj({ model: { type: "object", description: "As ModelDetail.model." }, history: arr(ref("ModelHistoryEntry")), changed: arr(str) }),
        "The model after the edit, its history and the fields that changed.",
      ),
      "413": error("Body over 64 KiB."),
      ...writeErrors("No such model, or a private one of someone else."),
      "400": error("A field is invalid or not editable (details.fields lists each { field, message })."),
      "403": error("Not the owner (admins moderate, they do not edit), or a session cookie sent from another site."),
    },
  },
  delete: {
    operationId: "deleteModel",
    summary: "Delete a private model, its evaluations and stored files (owner only)",
    description:
      "Public models cannot be deleted (their results may be cited): withdraw them (409 says so). The deleted evaluations stay counted in the owner's published results' private_attempts_before.",
    tags: ["Owner"],
    security: OWNER,
    parameters: [slugParam],
    responses: {
      "200": json(
        obj({ deleted: obj({ model: str, jobs: int, results: int, files_removed: bool }) }),
        "Deleted; files_removed is false when another model of the owner shares the stored files.",
      ),
      ...writeErrors("No such model, or a private one of someone else."),
      "403": error("Not the owner, or a session cookie sent from another site."),
    },
  },
};

export const OWNER_SCHEMAS: Record<string, Schema> = {
  Published: obj({
    published: obj({ model: str, results: arr(int), already_public: { ...bool, description: "Nothing was private: nothing changed." } }),
  }),
  JobStatus: obj({
    job: obj({
      id: int,
      status: { enum: ["queued", "running", "succeeded", "failed", "cancelled"] },
      model_slug: str,
      benchmark: obj({ id: str, version: int }),
      queue_position: nullable(int),
      waiting_for: nullable({ type: "object" }),
      progress: obj({ done: int, total: nullable(int), fraction: nullable(num) }),
      eta_seconds: nullable(num),
      attempts: int,
      max_attempts: int,
      failure_class: nullable(str),
      failure_message: nullable(str),
      log_excerpt: nullable(str),
      history: arr({ type: "object" }),
      evaluation_id: nullable(int),
      result: nullable({ type: "object" }),
      created_at: dateTime,
      finished_at: nullable(dateTime),
    }),
  }),
};

const imagesGet = (ext: "csv" | "json") => ({
  get: {
    operationId: ext === "csv" ? "downloadResultImagesCsv" : "downloadResultImagesJson",
    summary: `Every image's values of one result as ${ext.toUpperCase()} (index, shard, label, spearman, correct, dice, iou)`,
    description: "A private result answers its owner only (Cache-Control: private, no-store); anyone else gets 404.",
    tags: ["Results"],
    security: OPTIONAL_OWNER,
    parameters: [idParam("Evaluation")],
    responses: {
      "200":
        ext === "csv"
          ? {
              description: "RFC 4180 CSV with a header row; an undefined ρ is an empty cell.",
              content: { "text/csv": { schema: { type: "string" } } },
            }
          : json(ref("ResultImages"), "The values, in image order."),
      "304": { description: "Not modified (If-None-Match matched the ETag)." },
      "400": error("Malformed id or an unknown parameter."),
      "404": error("No such result, or a private one of someone else."),
    },
  },
});

export const OWNER_PATHS = {
  "/results/{id}/images.csv": imagesGet("csv"),
  "/results/{id}/images.json": imagesGet("json"),
  "/results/{id}/publish": post(
    "publishResult",
    "Publish a private result (and its model)",
    "The owner makes a private result public: ranked, citable, for good. Its model becomes public too; its other private results stay private. Refused (409) for a model a moderator hid, or when a public model already has the same weights and preprocessing.",
    [idParam("Evaluation")],
    ref("Published"),
    "Published (or already public).",
    "No such result, or a private one of someone else.",
    formBody(confirm),
  ),
  "/models/{slug}/publish": post(
    "publishModel",
    "Publish a private model and its current results",
    "Older private attempts stay private and stay counted in each published result's private_attempts_before.",
    [{ name: "slug", in: "path", required: true, description: "Model id.", schema: str }],
    ref("Published"),
    "Published (or already public).",
    "No such model, or a private one of someone else.",
    formBody(confirm),
  ),
  "/models/{slug}/withdraw": {
    post: {
      operationId: "withdrawModel",
      summary: "Withdraw a public model from the live boards (owner or admin), with a reason shown on its pages",
      description:
        "Off the boards, scatter, searches, downloads and new snapshots; its queued evaluations are cancelled. Its model and result pages stay public, marked withdrawn with the date and reason; existing snapshots do not change.",
      tags: ["Owner"],
      security: OWNER,
      parameters: [slugParam],
      requestBody: { required: true, ...jsonOnly(obj({ reason: { type: "string", minLength: 1, maxLength: 500 } })) },
      responses: {
        "200": modelAfter,
        "413": error("Body over 64 KiB."),
        ...writeErrors("No such model, or a private one of someone else."),
      },
    },
  },
  "/models/{slug}/reinstate": {
    post: {
      operationId: "reinstateModel",
      summary: "Put a withdrawn model back on the boards (whoever withdrew it, or an admin)",
      description: "Refused (409) when another public model has meanwhile taken the same weights and preprocessing.",
      tags: ["Owner"],
      security: OWNER,
      parameters: [slugParam],
      responses: { "200": modelAfter, ...writeErrors("No such model, or a private one of someone else.") },
    },
  },
  "/jobs/{id}/requeue": post(
    "requeueJob",
    "Run a cancelled or failed evaluation again (up to 3 more attempts)",
    `The model's owner or an admin. A succeeded evaluation is not re-run (409). An owner's re-queues stop once the job has used ${OWNER_MAX_ATTEMPTS_PER_JOB} attempts (409, details.attempts and details.limit); an admin may still re-queue it. To change the preprocessing, submit the same weights again as a new version (POST /submissions with previous_version).`,
    [idParam("Job")],
    ref("JobStatus"),
    "The job, queued again.",
    "No such job, or one of someone else's private model.",
  ),
};
