// Flow: an ONNX model exported by PyTorch (model.onnx + its external data, generated at test time) is uploaded
// through the real web form of a second, complete site (its own embedded database, local services) and evaluated by a
// real worker process: the dry run's onnxruntime cross-check passes and shows on the result page with the format.
import { expect, test } from "@playwright/test";
import { startSecondSiteWithWorker, type SecondSite } from "./second-site";
import { onnxCaseFiles } from "@/lib/submissions/testing/onnx-fixtures";

test.describe("an ONNX submission", () => {
  test.describe.configure({ timeout: 300_000 });
  let site: SecondSite | undefined;
  let base = "";

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    site = await startSecondSiteWithWorker({ prefix: "e2e-onnx-", images: 12 });
    base = site.base;
  });

  test.afterAll(() => site?.stop());

  test("model.onnx with its external data goes through the form, is cross-checked and evaluated", async ({ page }) => {
    await page.goto(`${base}/signup?next=/submit`);
    await page.getByLabel("Name (shown as the owner of your models)").fill("ONNX Tester");
    await page.getByLabel("E-mail").fill(`onnx-${Date.now()}@example.org`);
    await page.getByLabel(/^Password/).fill("correct horse battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Submit a model" })).toBeVisible();

    // torch.onnx.export's file name is the user's choice; the external-data file keeps the name its location says.
    await page.getByLabel("Model files").setInputFiles(
      onnxCaseFiles("external").map((f) => ({
        name: f.name === "model.onnx" ? "small_cnn.onnx" : f.name,
        mimeType: "application/octet-stream",
        buffer: f.data,
      })),
    );
    await page.getByLabel("Name", { exact: true }).fill("Small ONNX CNN");
    await page.getByLabel("Architecture family").fill("CNN");
    await page.getByLabel("Training data").fill("none (e2e, random weights)");
    await page.getByRole("radio", { name: "No" }).check();
    await page.getByLabel(/^Preprocessing/).selectOption("torchvision-imagenet");
    await page.getByLabel("Number of output classes").fill("10");
    await page.getByRole("button", { name: "Submit model" }).click();

    await expect(page).toHaveURL(/\/submissions\/small-onnx-cnn$/);
    await expect(page.getByRole("heading", { name: /synthetic v\d+ — succeeded/ })).toBeVisible({ timeout: 180_000 });

    await page.goto(`${base}/models/small-onnx-cnn`);
    await expect(page.getByText(/^ONNX opset 17 · pytorch \d+\.\d+/)).toBeVisible();
    await page.getByRole("link", { name: "provenance, per-image explorer, cite" }).first().click();
    await expect(page).toHaveURL(/\/results\/\d+$/);
    await expect(page.getByText(/^ONNX opset 17 · pytorch/)).toBeVisible();
    await expect(page.getByText(/^passed: max \|Δlogit\| .* on 2 images, onnxruntime-node \d/)).toBeVisible();
  });
});
