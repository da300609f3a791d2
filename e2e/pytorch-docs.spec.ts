// Flow: a researcher with a PyTorch model finds "Submit a PyTorch model" from the footer, reads the export call and
// the supported ops, and the submit form takes a .onnx file.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { freshEmail, signUpByApi } from "./account-helpers";

test("the PyTorch page is linked from every page and shows the export call, the errors and the ops", async ({ page }) => {
  await page.goto("/about");
  await page.getByRole("contentinfo").getByRole("link", { name: "Submit a PyTorch model" }).click();
  await expect(page).toHaveURL(/\/docs\/pytorch$/);
  await expect(page.getByRole("heading", { level: 1, name: "Submit a PyTorch model" })).toBeVisible();
  await expect(page.getByLabel("Export a torchvision model")).toContainText('dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}');
  await expect(page.getByLabel("Submit with curl")).toContainText("/api/v1/submissions");
  await expect(page.getByRole("row", { name: /the file is not an ONNX ModelProto/ })).toBeVisible();
  const ops = page.getByRole("table", { name: /ONNX ops the importer runs/ });
  await expect(ops.getByRole("rowheader", { name: "Conv", exact: true })).toBeVisible();
  await expect(ops.getByRole("rowheader", { name: "Gemm", exact: true })).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("the submit form accepts .onnx files and links to the PyTorch page", async ({ page, baseURL }) => {
  await signUpByApi(page.request, baseURL!, freshEmail("e2e-onnx"));
  await page.goto("/submit");
  await expect(page.getByRole("heading", { name: "Submit a model" })).toBeVisible();

  const input = page.getByLabel("Model files");
  await expect(input).toHaveAttribute("accept", /\.onnx/);
  await expect(page.getByRole("main").getByRole("link", { name: "Submit a PyTorch model" }).first()).toHaveAttribute(
    "href",
    "/docs/pytorch",
  );
  // The browser's hint for two models at once; the server checks everything again.
  await input.setInputFiles([
    { name: "a.onnx", mimeType: "application/octet-stream", buffer: Buffer.from("not a model") },
    { name: "b.onnx", mimeType: "application/octet-stream", buffer: Buffer.from("not a model") },
  ]);
  await page.getByRole("button", { name: "Submit model" }).click();
  await expect(page.getByText("Choose one .onnx model at a time (got a.onnx, b.onnx).")).toBeVisible();
});
