// /docs/api renders the write API from the OpenAPI document (POST /submissions's form fields) and the two runnable
// examples exactly as docs/examples holds them.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { readExample } from "@/lib/openapi/examples";
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
});
