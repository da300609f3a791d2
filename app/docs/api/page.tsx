// Route: /docs/api — the public API, rendered from the same OpenAPI document the site serves.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getEnv } from "@/lib/env";
import { openApiDocument } from "@/lib/openapi/document";
import { readExample, SUBMIT_EXAMPLES } from "@/lib/openapi/examples";
import { BOARD_COLUMNS } from "@/lib/snapshots/columns";
import { TableScroll } from "@/components/site/table-scroll";

export const metadata: Metadata = { title: "API" };

type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  parameters?: { name: string; in: string; description: string; required?: boolean; schema?: ValueSchema }[];
  requestBody?: { description?: string; content: Record<string, { schema: FormSchema }> };
  responses: Record<string, { description: string }>;
};
type FormSchema = { properties?: Record<string, { description?: string } & ValueSchema>; required?: string[] };
type ValueSchema = { type?: string; enum?: readonly unknown[]; minimum?: number; maximum?: number; default?: unknown; maxLength?: number };

/** What a value may be, read from its schema in the OpenAPI document (the one source of both). */
function AllowedValues({ schema }: { schema?: ValueSchema }) {
  if (!schema) return null;
  const parts: ReactNode[] = [];
  if (schema.enum) {
    parts.push(
      <span key="enum">
        one of{" "}
        {schema.enum.map((v, i) => (
          <span key={String(v)}>
            {i > 0 ? ", " : ""}
            <code>{String(v)}</code>
          </span>
        ))}
      </span>,
    );
  }
  if (schema.minimum !== undefined || schema.maximum !== undefined) {
    const range =
      schema.minimum !== undefined && schema.maximum !== undefined
        ? `${schema.minimum} to ${schema.maximum}`
        : schema.minimum !== undefined
          ? `at least ${schema.minimum}`
          : `at most ${schema.maximum}`;
    parts.push(<span key="range">{`${schema.type === "integer" ? "a whole number " : ""}${range}`}</span>);
  }
  if (schema.maxLength !== undefined) parts.push(<span key="len">{`at most ${schema.maxLength} characters`}</span>);
  if (schema.default !== undefined) {
    parts.push(
      <span key="default">
        default <code>{String(schema.default)}</code>
      </span>,
    );
  }
  if (parts.length === 0) return null;
  return (
    <span className="allowed-values">
      {" "}
      Allowed:{" "}
      {parts.map((p, i) => (
        <span key={i}>
          {i > 0 ? "; " : ""}
          {p}
        </span>
      ))}
      .
    </span>
  );
}

/** A multipart body's fields (POST /submissions), as a table like the parameters'. */
function FormFields({ op }: { op: Operation }) {
  const schema = op.requestBody?.content["multipart/form-data"]?.schema;
  if (!schema?.properties) return null;
  return (
    <TableScroll label="Form fields (multipart/form-data)">
      <table className="board">
        <caption>Form fields (multipart/form-data)</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(schema.properties).map(([name, field]) => (
            <tr key={name}>
              <th scope="row">
                <code>{name}</code>
                {schema.required?.includes(name) ? " (required)" : ""}
              </th>
              <td>
                {field.description}
                <AllowedValues schema={field} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export default function ApiDocsPage() {
  const doc = openApiDocument(getEnv().PUBLIC_URL);
  const base = doc.servers[0].url;
  const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  return (
    <article>
      <h1>Public API</h1>
      <p className="lede">{doc.info.description}</p>
      <p>
        Base URL <code>{base}</code>. Machine-readable description: <a href="/api/v1/openapi.json">OpenAPI 3.1 document</a>. Submitting a
        model from a script: <a href="#submitting">curl and Python examples</a>.
      </p>
      <nav aria-label="Endpoints">
        <ul className="link-list">
          {ops.map(({ path, method, op }) => (
            <li key={op.operationId}>
              <a href={`#${op.operationId}`}>
                <code>
                  {method} {path}
                </code>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {ops.map(({ path, method, op }) => (
        <section key={op.operationId} id={op.operationId} aria-labelledby={`${op.operationId}-h`}>
          <h2 id={`${op.operationId}-h`}>
            <code>
              {method} {path}
            </code>
          </h2>
          <p>
            {op.summary}.{op.description ? ` ${op.description}` : ""}
          </p>
          {op.parameters && op.parameters.length > 0 && (
            <TableScroll label={`${method} ${path}: parameters`}>
              <table className="board">
                <caption>Parameters</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">In</th>
                    <th scope="col">Description</th>
                  </tr>
                </thead>
                <tbody>
                  {op.parameters.map((p) => (
                    <tr key={`${p.in}-${p.name}`}>
                      <th scope="row">
                        <code>{p.name}</code>
                        {p.required ? " (required)" : ""}
                      </th>
                      <td>{p.in}</td>
                      <td>
                        {p.description}
                        <AllowedValues schema={p.schema} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {op.requestBody?.description && <p>{op.requestBody.description}</p>}
          <FormFields op={op} />
          <ul>
            {Object.entries(op.responses).map(([status, r]) => (
              <li key={status}>
                <code>{status}</code>: {r.description}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section id="submitting" aria-labelledby="submitting-h">
        <h2 id="submitting-h">Submitting a model from a script</h2>
        <p>
          Both examples submit the committed demo model with a personal API token (create one on your account page), then poll each
          evaluation job until it finishes. Run them from a checkout of the repository with <code>TOKEN</code> and <code>BASE_URL</code>{" "}
          (default <code>http://localhost:3000</code>, the embedded default) set; a test runs both files as they are against a site over
          HTTP.
        </p>
        <h3>
          <code>{SUBMIT_EXAMPLES.shell}</code> (curl)
        </h3>
        <pre>
          <code>{readExample("shell")}</code>
        </pre>
        <h3>
          <code>{SUBMIT_EXAMPLES.python}</code> (Python, requests)
        </h3>
        <pre>
          <code>{readExample("python")}</code>
        </pre>
      </section>
      <section id="notifications" aria-labelledby="notifications-h">
        <h2 id="notifications-h">Notifications when an evaluation ends</h2>
        <p>
          On your account page you can ask for an e-mail (where the site has a mail server) and set a webhook. When an evaluation of one of
          your models succeeds or fails for good, the scheduler (every 15 s) sends a POST with <code>Content-Type: application/json</code>{" "}
          and the body <code>{`{"event": "evaluation.ended", "delivery", "model": {"slug", "name"}, "job", "status_page"}`}</code>, where{" "}
          <code>job</code> is what <code>GET /api/v1/jobs/{"{id}"}</code> shows you (score with its interval, rank, result link, or the
          failure and its message). Evaluations that ended before you switched a channel on are not sent.
        </p>
        <p>
          Check <code>X-Leaderboard-Signature</code>: it is <code>sha256=</code> and the hex HMAC-SHA256, keyed with the secret shown when
          you set the URL, of <code>{"<X-Leaderboard-Timestamp>.<raw body>"}</code>; refuse old timestamps to stop replays. Any 2xx answer
          within 10 s counts; otherwise the delivery is retried after 1, 4, 16 and 64 minutes, then given up (the account page lists each
          delivery). Redirects are not followed; only public https addresses are accepted.
        </p>
        <h3>
          <code>{SUBMIT_EXAMPLES.verifyWebhook}</code> (Python)
        </h3>
        <pre>
          <code>{readExample("verifyWebhook")}</code>
        </pre>
      </section>
      <section aria-labelledby="columns-h">
        <h2 id="columns-h">Download columns</h2>
        <p>
          The CSV header, the JSON download&apos;s row keys and a snapshot&apos;s row keys, in this order. Columns are only ever appended.
        </p>
        <TableScroll label="Download columns">
          <table className="board">
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Meaning</th>
              </tr>
            </thead>
            <tbody>
              {BOARD_COLUMNS.map((c) => (
                <tr key={c.name}>
                  <th scope="row">
                    <code>{c.name}</code>
                  </th>
                  <td>{c.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </article>
  );
}
