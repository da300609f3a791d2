// Flow (issue #12 item 3): a new account submits a model privately through the web form of a second, complete site
// (a real worker evaluates it), opens its private result page, marked private and a 404 to anyone else, and publishes it
// after confirming; the result is then public. Then the owner edits the model's details, withdraws it from the board
// (its pages stay up, marked) and reinstates it (issue #12 item 5), submits the same weights with new preprocessing as
// a new version, and a second account's upload of the same weights is told which public model has them. Uses the 10-class tiny fixture (the demo models are 4-class shortcut
// models, and their weights are already public on a site with local services, so they would be a duplicate).
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startSecondSiteWithWorker, type SecondSite } from "./second-site";

const FIXTURE = path.join(import.meta.dirname, "fixtures", "tiny-model");
const fixtureFiles = () =>
  ["model.json", "group1-shard1of1.bin"].map((name) => ({
    name,
    mimeType: "application/octet-stream",
    buffer: fs.readFileSync(path.join(FIXTURE, name)),
  }));

test.describe("a private submission", () => {
  test.describe.configure({ timeout: 300_000 });
  let site: SecondSite | undefined;
  let base = "";

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    site = await startSecondSiteWithWorker({ prefix: "e2e-private-", images: 12 });
    base = site.base;
  });
  test.afterAll(() => site?.stop());

  test("is evaluated, shown to its owner marked private, a 404 to others, and published after confirming", async ({ page, browser }) => {
    await page.goto(`${base}/signup?next=/submit`);
    await page.getByLabel("Name (shown as the owner of your models)").fill("Private Tester");
    await page.getByLabel("E-mail").fill(`private-${Date.now()}@example.org`);
    await page.getByLabel(/^Password/).fill("correct horse battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Submit a model" })).toBeVisible();

    await page.getByLabel("Model files").setInputFiles(fixtureFiles());
    await page.getByLabel("Name", { exact: true }).fill("Quiet Net");
    await page.getByLabel("Architecture family").fill("CNN");
    await page.getByLabel("Training data").fill("none (e2e fixture)");
    await page.getByRole("radio", { name: "No" }).check();
    await page.getByLabel(/^Preprocessing/).selectOption("unit-range");
    await page.getByLabel("Number of output classes").fill("10");
    await page.getByRole("radio", { name: /^Private/ }).check();
    await page.getByRole("button", { name: "Submit model" }).click();

    // A private model's slug carries a random suffix.
    await expect(page).toHaveURL(/\/submissions\/quiet-net-[0-9a-f]{8}$/);
    await expect(page.getByRole("heading", { name: /synthetic v\d+ — succeeded/ })).toBeVisible({ timeout: 180_000 });
    await expect(page.getByText("(private — only you can see this; publish it from its page)")).toBeVisible();
    await page.getByRole("link", { name: /^Result \d+: scores, provenance and per-image maps/ }).click();
    await expect(page).toHaveURL(/\/results\/\d+$/);
    const resultUrl = page.url();
    await expect(page.getByTestId("private-banner")).toContainText("Private — only you can see this.");
    await expect(page.getByRole("heading", { name: "Per-image explorer" })).toBeVisible();

    // Anyone else: the page and the API are a 404.
    const stranger = await browser.newContext();
    const strangerPage = await stranger.newPage();
    expect((await strangerPage.goto(resultUrl))?.status()).toBe(404);
    const id = resultUrl.split("/").pop();
    expect((await stranger.request.get(`${base}/api/v1/results/${id}`)).status()).toBe(404);

    // Publishing asks for confirmation first: the box must be ticked.
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page).toHaveURL(resultUrl);
    await expect(page.getByTestId("private-banner")).toBeVisible();
    await page.getByLabel(/I understand that this result \(and its model\) become public for good/).check();
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page).toHaveURL(resultUrl);
    await expect(page.getByTestId("private-banner")).toHaveCount(0);
    await expect(page.getByText("Private attempts before publication")).toBeVisible();

    expect((await strangerPage.goto(resultUrl))?.status()).toBe(200);
    await expect(strangerPage.getByRole("heading", { name: /Quiet Net on/ })).toBeVisible();

    // The owner edits the model's details on its page: a bad link is refused beside its field, focused, in the form's words.
    await page.getByRole("heading", { level: 1 }).getByRole("link", { name: "Quiet Net" }).click();
    await expect(page).toHaveURL(/\/models\/quiet-net-[0-9a-f]{8}$/);
    const modelUrl = page.url();
    await page.getByLabel("Name", { exact: true }).fill("Quiet Net (CVPR version)");
    await page.getByLabel("Code (URL)").fill("github.com/example/quiet-net");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.locator("#edit-code_url-error")).toHaveText("Code (URL) must be an http(s) URL");
    await expect(page.getByLabel("Code (URL)")).toBeFocused();
    await expect(page.getByLabel("Code (URL)")).toHaveAttribute("aria-describedby", "edit-code_url-error");
    await page.getByLabel("Code (URL)").fill("https://github.com/example/quiet-net");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Saved: name, code url changed (see the history below).")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Quiet Net (CVPR version)");
    await expect(page.getByTestId("model-history")).toContainText(
      "Private Tester edited name: Quiet Net → Quiet Net (CVPR version); code link: empty → https://github.com/example/quiet-net",
    );

    // Withdrawal needs a reason and the confirmation box; the page stays up for everyone, marked; the board drops it.
    await page.getByLabel("Reason (shown on its pages)").fill("Superseded by a corrected export.");
    await page.getByRole("button", { name: "Withdraw" }).click();
    await expect(page.getByText("Tick the box to confirm the withdrawal.")).toBeVisible();
    await page.getByLabel("I want this model off the boards").check();
    await page.getByRole("button", { name: "Withdraw" }).click();
    await expect(page.getByTestId("withdrawn-banner")).toContainText("Superseded by a corrected export.");
    expect((await strangerPage.goto(modelUrl))?.status()).toBe(200);
    await expect(strangerPage.getByTestId("withdrawn-banner")).toContainText("Superseded by a corrected export.");
    await expect(strangerPage.getByTestId("model-history")).toContainText("withdrew it from the boards");
    await expect(strangerPage.getByRole("button", { name: "Reinstate" })).toHaveCount(0);
    const board = await stranger.request.get(`${base}/api/v1/leaderboard?benchmark=synthetic`);
    expect((await board.json()).rows.map((r: { display_name: string }) => r.display_name)).not.toContain("Quiet Net (CVPR version)");

    // Reinstated, it is back on the board.
    await page.getByRole("button", { name: "Reinstate" }).click();
    await expect(page.getByTestId("withdrawn-banner")).toHaveCount(0);
    const back = await stranger.request.get(`${base}/api/v1/leaderboard?benchmark=synthetic`);
    expect((await back.json()).rows.map((r: { display_name: string }) => r.display_name)).toContain("Quiet Net (CVPR version)");

    // A re-run with new preprocessing: the same weights as a new version, evaluated, linked to the first.
    const slug = modelUrl.split("/").pop() ?? "";
    await page.goto(`${base}/submissions/${slug}`);
    await page.getByRole("link", { name: "Resubmit as a new version" }).click();
    await expect(page.getByRole("heading", { name: "Submit a new version of Quiet Net (CVPR version)" })).toBeVisible();
    await expect(page.getByLabel(/^Preprocessing/)).toHaveValue("unit-range");
    await page.getByLabel("Model files").setInputFiles(fixtureFiles());
    await page.getByLabel("Name", { exact: true }).fill("Quiet Net (Keras preprocessing)");
    await page.getByLabel(/^Preprocessing/).selectOption("keras-tf");
    await page.getByRole("button", { name: "Submit model" }).click();
    await expect(page).toHaveURL(/\/submissions\/quiet-net-keras-preprocessing/);
    await expect(page.getByText("Previous version:")).toContainText("Quiet Net (CVPR version)");
    await expect(page.getByRole("heading", { name: /synthetic v\d+ — succeeded/ })).toBeVisible({ timeout: 180_000 });

    // A second user uploading the same weights with the same preprocessing is told which public model has them.
    await strangerPage.goto(`${base}/signup?next=/submit`);
    await strangerPage.getByLabel("Name (shown as the owner of your models)").fill("Second Tester");
    await strangerPage.getByLabel("E-mail").fill(`second-${Date.now()}@example.org`);
    await strangerPage.getByLabel(/^Password/).fill("correct horse battery");
    await strangerPage.getByRole("button", { name: "Create account" }).click();
    await expect(strangerPage.getByRole("heading", { name: "Submit a model" })).toBeVisible();
    await strangerPage.getByLabel("Model files").setInputFiles(fixtureFiles());
    await strangerPage.getByLabel("Name", { exact: true }).fill("Borrowed Net");
    await strangerPage.getByLabel("Architecture family").fill("CNN");
    await strangerPage.getByLabel("Training data").fill("none (e2e fixture)");
    await strangerPage.getByRole("radio", { name: "No" }).check();
    await strangerPage.getByLabel(/^Preprocessing/).selectOption("unit-range");
    await strangerPage.getByLabel("Number of output classes").fill("10");
    await strangerPage.getByRole("button", { name: "Submit model" }).click();
    await expect(strangerPage.locator("[data-form-error]")).toContainText(
      `These weights are already on the leaderboard as 'Quiet Net (CVPR version)' (/models/${slug}).`,
    );
    await expect(strangerPage).toHaveURL(/\/submit$/);
    await stranger.close();
  });
});
