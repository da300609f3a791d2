/**
 * The owner's endpoints in the OpenAPI document: publishing a private result or model and re-queueing an evaluation
 * (bearer token, or the site's session cookie from its own pages), and the per-image downloads of a result. A private
 * resource answers its owner only; to anyone else it is the 404 of an id nobody has.
 */
import { arr, bool, dateTime, int, nullable, num, obj, ref, str, type Schema } from "./schema-helpers";

const json = (schema: Schema, description: string) => ({ description, content: { "application/json": { schema } } });
const error = (description: string) => json(ref("Error"), description);

export const SECURITY_SCHEMES = {
  bearerToken: { type: "http", scheme: "bearer", description: "A personal API token (hlp_…) from the account page." },
  sessionCookie: { type: "apiKey", in: "cookie", name: "better-auth.session_token", description: "The site's session; state-changing calls must come from the site's own pages (Origin is checked)." },
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

const post = (operationId: string, summary: string, description: string, params: unknown[], ok: Schema, okText: string, notFound: string, body = formBody()) => ({
  post: {
    operationId, summary, description, tags: ["Owner"], security: OWNER, parameters: params, requestBody: { ...body, required: false },
    responses: { "200": json(ok, okText), "303": { description: "Form post: redirect to the page." }, ...writeErrors(notFound) },
  },
});

const idParam = (what: string) => ({ name: "id", in: "path", required: true, description: `${what} id.`, schema: { type: "integer", minimum: 1 } });
const confirm = { confirm: { const: "yes", description: "Form posts only: the page's confirmation box." } };

export const OWNER_SCHEMAS: Record<string, Schema> = {
  Published: obj({
    published: obj({ model: str, results: arr(int), already_public: { ...bool, description: "Nothing was private: nothing changed." } }),
  }),
  JobStatus: obj({
    job: obj({
      id: int, status: { enum: ["queued", "running", "succeeded", "failed", "cancelled"] }, model_slug: str,
      benchmark: obj({ id: str, version: int }), queue_position: nullable(int),
      waiting_for: nullable({ type: "object" }), progress: obj({ done: int, total: nullable(int), fraction: nullable(num) }),
      eta_seconds: nullable(num), attempts: int, max_attempts: int, failure_class: nullable(str), failure_message: nullable(str),
      log_excerpt: nullable(str), history: arr({ type: "object" }), evaluation_id: nullable(int), result: nullable({ type: "object" }),
      created_at: dateTime, finished_at: nullable(dateTime),
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
      "200": ext === "csv"
        ? { description: "RFC 4180 CSV with a header row; an undefined ρ is an empty cell.", content: { "text/csv": { schema: { type: "string" } } } }
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
    "publishResult", "Publish a private result (and its model)",
    "The owner makes a private result public: ranked, citable, for good. Its model becomes public too; its other private results stay private. Refused (409) for a model a moderator hid, or when a public model already has the same weights and preprocessing.",
    [idParam("Evaluation")], ref("Published"), "Published (or already public).", "No such result, or a private one of someone else.", formBody(confirm),
  ),
  "/models/{slug}/publish": post(
    "publishModel", "Publish a private model and its current results",
    "Older private attempts stay private and stay counted in each published result's private_attempts_before.",
    [{ name: "slug", in: "path", required: true, description: "Model id.", schema: str }], ref("Published"), "Published (or already public).",
    "No such model, or a private one of someone else.", formBody(confirm),
  ),
  "/jobs/{id}/requeue": post(
    "requeueJob", "Run a cancelled or failed evaluation again (up to 3 more attempts)",
    "The model's owner or an admin. A succeeded evaluation is not re-run (409). To change the preprocessing, submit the same weights again as a new version (POST /submissions with previous_version).",
    [idParam("Job")], ref("JobStatus"), "The job, queued again.", "No such job, or one of someone else's private model.",
  ),
};
