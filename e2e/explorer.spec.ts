// Flows (issue #12, result and model pages): the back link returns to the board the visitor came from; demo models offer
// no reproduce recipe or BibTeX and say why; ρ is never shown upper-cased as Ρ; and on a real result (a second site with a
// worker evaluates the 10-class tiny fixture) the explorer captions its pictures, names classes, enlarges a picture in a
// dialog that Escape closes (focus back on the picture) and pages through every image, a page past the end clamped.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { startSecondSiteWithWorker, type SecondSite } from "./second-site";

const FIXTURE = path.join(import.meta.dirname, "fixtures", "tiny-model");

/** Every element whose own text holds a Greek letter and that renders it upper-cased. */
const upperCasedGreek = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && /[\u0370-\u03ff]/.test(n.textContent ?? "")))
      .filter((el) => getComputedStyle(el).textTransform === "uppercase")
      .map((el) => el.textContent),
  );

test("a model page's back link returns to the board, filters and all, the visitor came from (table and chart links)", async ({ page }) => {
  await page.goto("/benchmarks/clickme?sort=top1&q=resnet");
  // The chart's point for the model carries the same board as the table's row.
  await expect(page.locator('.scatter-figure a[href^="/models/demo-resnet50-harmonized"]').first()).toHaveAttribute(
    "href",
    "/models/demo-resnet50-harmonized?from=%2Fbenchmarks%2Fclickme%3Fsort%3Dtop1%26q%3Dresnet",
  );
  await page.getByRole("table").getByRole("link", { name: "ResNet-50 harmonized (demo)" }).click();
  await expect(page).toHaveURL(/\/models\/demo-resnet50-harmonized\?from=%2Fbenchmarks%2Fclickme%3Fsort%3Dtop1%26q%3Dresnet$/);
  await page.getByRole("link", { name: "← Back to the leaderboard" }).click();
  await expect(page).toHaveURL(/\/benchmarks\/clickme\?sort=top1&q=resnet$/);
  await expect(page.getByRole("searchbox")).toHaveValue("resnet");

  // A `from` that is not a board of this site is ignored: back goes to the home board.
  await page.goto("/models/demo-resnet50-harmonized?from=https%3A%2F%2Fevil.example%2F");
  await expect(page.getByRole("link", { name: "← Back to the leaderboard" })).toHaveAttribute("href", "/");
  await page.goto("/models/demo-resnet50-harmonized?from=%2F%2Fevil.example%2F");
  await expect(page.getByRole("link", { name: "← Back to the leaderboard" })).toHaveAttribute("href", "/");
});

test("demo model and result pages offer no reproduce recipe or BibTeX, say why, and keep ρ lower-case", async ({ page }) => {
  await page.goto("/models/demo-vgg16");
  await expect(page.getByText("Demo model: not a citable result.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Reproduce this" })).toHaveCount(0);
  expect(await upperCasedGreek(page)).toEqual([]);

  const model = await (await page.request.get("/api/v1/models/demo-vgg16")).json();
  await page.goto(`/results/${model.evaluations[0].id}`);
  await expect(page.getByText("Demo model: not a citable result.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Reproduce this" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: /^Cite result/ })).toHaveCount(0);
  await expect(page.getByText(/with an undefined ρ/)).toBeVisible();
  expect(await upperCasedGreek(page)).toEqual([]);
  // Without a `from`, the result's back link goes to its own benchmark's board.
  await expect(page.getByRole("link", { name: "← Back to the leaderboard" })).toHaveAttribute("href", /^\/(\?benchmark=[a-z0-9-]+)?/);
});

test.describe("the per-image explorer on a real result", () => {
  test.describe.configure({ timeout: 300_000 });
  let site: SecondSite | undefined;
  let resultUrl = "";

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(300_000);
    site = await startSecondSiteWithWorker({ prefix: "e2e-explorer-", images: 12 });
    const page = await browser.newPage();
    await page.goto(`${site.base}/signup?next=/submit`);
    await page.getByLabel("Name (shown as the owner of your models)").fill("Explorer Tester");
    await page.getByLabel("E-mail").fill(`explorer-${Date.now()}@example.org`);
    await page.getByLabel(/^Password/).fill("correct horse battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByLabel("Model files").setInputFiles(
      ["model.json", "group1-shard1of1.bin"].map((name) => ({
        name,
        mimeType: "application/octet-stream",
        buffer: fs.readFileSync(path.join(FIXTURE, name)),
      })),
    );
    await page.getByLabel("Name", { exact: true }).fill("Explorer Net");
    await page.getByLabel("Architecture family").fill("CNN");
    await page.getByLabel("Training data").fill("none (e2e fixture)");
    await page.getByRole("radio", { name: "No" }).check();
    await page.getByLabel(/^Preprocessing/).selectOption("unit-range");
    await page.getByLabel("Number of output classes").fill("10");
    await page.getByRole("button", { name: "Submit model" }).click();
    await expect(page.getByRole("heading", { name: /synthetic v\d+ — succeeded/ })).toBeVisible({ timeout: 180_000 });
    await page.getByRole("link", { name: /^Result \d+: scores, provenance and per-image maps/ }).click();
    await expect(page).toHaveURL(/\/results\/\d+$/);
    resultUrl = page.url();
    await page.close();
  });
  test.afterAll(() => site?.stop());

  test("captions each picture, names the class, and enlarges a picture until Escape", async ({ page }) => {
    await page.goto(resultUrl);
    const explorer = page.locator("#explorer");
    await expect(explorer.getByRole("heading", { name: "Per-image explorer" })).toBeVisible();
    for (const caption of ["Image", "Human map", "Model saliency"]) {
      await expect(explorer.locator("figcaption", { hasText: new RegExp(`^${caption}$`) }).first()).toBeVisible();
    }
    // The synthetic benchmark names its classes as its generator draws them ("red disc", …).
    await expect(explorer.getByText(/^Image \d+: (red|blue) (disc|square|triangle|cross|ring) \(label \d+, /).first()).toBeVisible();

    const thumb = explorer.getByRole("link", { name: /^Enlarge: Human map of image \d+/ }).first();
    await thumb.click();
    const dialog = page.getByRole("dialog", { name: /Human map, image \d+ .*\(enlarged\)/ });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(thumb).toBeFocused();
    expect(await upperCasedGreek(page)).toEqual([]);
  });

  test("pages through every image in ρ order, with the page in the URL and a page past the end clamped", async ({ page }) => {
    await page.goto(`${resultUrl}?sort=rho-asc&page_size=5`);
    const all = page.locator("#all-images");
    await expect(all.getByRole("status")).toHaveText("Showing 1–5 of 12 images, by ρ ascending (disagree first).");
    await all.getByRole("navigation", { name: "Pages of the images" }).getByRole("link", { name: "Next ›" }).click();
    await expect(page).toHaveURL(/\?sort=rho-asc&page=2&page_size=5#all-images$/);
    await expect(all.getByText("Showing 6–10 of 12 images", { exact: false })).toBeVisible();
    await all.getByRole("link", { name: "image index" }).click();
    await expect(page).toHaveURL(/\/results\/\d+\?page_size=5#all-images$/);

    await page.goto(`${resultUrl}?page=9&page_size=5`);
    await expect(all.getByText("There is no page 9: this result has 3 pages of 5. Showing page 3.")).toBeVisible();
    await expect(all.getByText("Showing 11–12 of 12 images", { exact: false })).toBeVisible();
  });
});
