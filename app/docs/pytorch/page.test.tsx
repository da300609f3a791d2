// The page renders on the server with the importer's op list and this site's limits, and says what the Markdown says.
import { renderToStaticMarkup } from "react-dom/server";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { describe, expect, it } from "vitest";
import { DEFAULT_MODEL_LIMITS, formatBytes } from "@/lib/types/model-limits";
import { ONNX_OPSET_RANGE, SUPPORTED_ONNX_OPS } from "@/lib/models/onnx/supported-ops";
import { ONNX_ERRORS } from "./content";
import PytorchDocsPage from "./page";

const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} };
const html = renderToStaticMarkup(
  <AppRouterContext.Provider value={router as never}>
    <PytorchDocsPage />
  </AppRouterContext.Provider>,
);
const text = html
  .replace(/<[^>]+>/g, "")
  .replace(/&quot;/g, '"')
  .replace(/&#x27;/g, "'")
  .replace(/&amp;/g, "&")
  .replace(/&lt;/g, "<")
  .replace(/&gt;/g, ">");

describe("/docs/pytorch", () => {
  it("renders every supported op and the opset range from supported-ops.ts", () => {
    for (const o of SUPPORTED_ONNX_OPS) expect(html).toContain(`<th scope="row"><code>${o.op}</code></th>`);
    expect(text).toContain(`Opset ${ONNX_OPSET_RANGE.min}–${ONNX_OPSET_RANGE.max}, ${SUPPORTED_ONNX_OPS.length} ops`);
  });

  it("lists every importer error and the upload limits", () => {
    for (const e of ONNX_ERRORS) expect(text).toContain(e.message);
    expect(text).toContain(`at most ${DEFAULT_MODEL_LIMITS.maxFiles} files, ${formatBytes(DEFAULT_MODEL_LIMITS.maxFileBytes)} per file`);
  });

  it("shows the export call and a curl against this site's address", () => {
    expect(text).toContain('dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}');
    expect(text).toMatch(/SITE=https?:\/\/\S+ {3}# the site's address/);
    expect(text).toContain('"$SITE/api/v1/submissions"');
  });
});
