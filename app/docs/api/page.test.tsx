// /docs/api renders the write API from the OpenAPI document (POST /submissions's form fields) and the two runnable
// examples exactly as docs/examples holds them.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { readExample } from "@/lib/openapi/examples";
import { MAX_PAGE_SIZE, SORT_KEYS } from "@/lib/leaderboard/filters";
import { openApiDocument } from "@/lib/openapi/document";
import { SUBMISSION_FIELDS } from "@/lib/types/submission-metadata";
import ApiDocsPage from "./page";

const html = renderToStaticMarkup(<ApiDocsPage />);
const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

describe("/docs/api", () => {
  it("shows submit.sh and submit.py verbatim", () => {
    const blocks = [...html.matchAll(/<pre><code>([\s\S]*?)<\/code><\/pre>/g)].map((m) => unescape(m[1]));
    expect(blocks).toContain(readExample("shell"));
    expect(blocks).toContain(readExample("python"));
  });

  it("lists POST /submissions, GET /jobs/{id} and POST /jobs/{id}/cancel, with every form field of the submission", () => {
    for (const id of ["createSubmission", "getJob", "cancelJob"]) expect(html).toContain(`id="${id}"`);
    const section = html.slice(html.indexOf('id="createSubmission"'), html.indexOf("</section>", html.indexOf('id="createSubmission"')));
    for (const f of [...SUBMISSION_FIELDS, "files"]) expect(section).toContain(`<code>${f}</code>`);
    expect(section).toMatch(/<code>num_classes<\/code><\/th><td>Output classes/);
    expect(section).toContain("<code>name</code> (required)");
  });

  it("lists each parameter's allowed values from its schema in the OpenAPI document", () => {
    const section = html.slice(html.indexOf('id="getLeaderboard"'), html.indexOf("</section>", html.indexOf('id="getLeaderboard"')));
    const sortRow = section.slice(section.indexOf("<code>sort</code>"), section.indexOf("</tr>", section.indexOf("<code>sort</code>")));
    const text = (h: string) => h.replace(/<[^>]+>/g, "");
    expect(text(sortRow)).toContain(`Allowed: one of ${SORT_KEYS.join(", ")}.`);
    const sizeRow = section.slice(
      section.indexOf("<code>page_size</code>"),
      section.indexOf("</tr>", section.indexOf("<code>page_size</code>")),
    );
    expect(text(sizeRow)).toMatch(new RegExp(`Allowed: a whole number 1 to ${MAX_PAGE_SIZE}`));
    // Every enum of every documented parameter appears on the page.
    const doc = openApiDocument("http://localhost:3000") as {
      paths: Record<string, Record<string, { parameters?: { schema?: { enum?: unknown[] } }[] }>>;
    };
    const enums = Object.values(doc.paths).flatMap((item) =>
      Object.values(item).flatMap((op) => (op.parameters ?? []).flatMap((p) => p.schema?.enum ?? [])),
    );
    expect(enums.length).toBeGreaterThan(10);
    for (const v of enums) expect(html).toContain(`<code>${String(v)}</code>`);
  });
});
