// Flows (issue #12): a filtered board's CSV/JSON download is that view, named after it; a synthetic board and its
// benchmark page never say ImageNet and say they are not comparable with the paper; the benchmark page cites and
// downloads; Sign in comes back to the page it was clicked on.
import { expect, test } from "@playwright/test";
import { boardTable } from "./board-helpers";
import { freshEmail, PASSWORD } from "./account-helpers";

const today = () => new Date().toISOString().slice(0, 10);

test("a filtered board downloads its view under a name that says benchmark and filters", async ({ page }) => {
  await page.goto("/?family=ViT&q=vit");
  await expect(boardTable(page).locator("tbody tr")).toHaveCount(2);
  const csvLink = page.getByRole("link", { name: "CSV", exact: true });
  await expect(csvLink).toHaveAttribute("href", "/api/v1/downloads/leaderboard.csv?benchmark=clickme&family=ViT&q=vit");
  const [download] = await Promise.all([page.waitForEvent("download"), csvLink.click()]);
  expect(download.suggestedFilename()).toBe(`clickme-v1_family-vit_search-vit_${today()}.csv`);
  const json = await page.request.get("/api/v1/downloads/leaderboard.json?benchmark=clickme&family=ViT&q=vit");
  expect(json.headers()["content-disposition"]).toBe(`attachment; filename="clickme-v1_family-vit_search-vit_${today()}.json"`);
  expect((await json.json()).rows).toHaveLength(2);
});

test("a synthetic board and its benchmark page never say ImageNet and are marked not comparable", async ({ page }) => {
  for (const path of ["/?benchmark=synthetic", "/benchmarks/synthetic"]) {
    await page.goto(path);
    const words = await page.locator("main").textContent();
    expect(words).not.toMatch(/imagenet/i);
    await expect(page.getByRole("note").filter({ hasText: "Not comparable with the paper's numbers." })).toHaveCount(1);
  }
  await expect(page.getByRole("heading", { name: /^Cite the Synthetic/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "JSON", exact: true })).toHaveAttribute(
    "href",
    "/api/v1/downloads/leaderboard.json?benchmark=synthetic",
  );
});

test("Sign in from a filtered board comes back to it", async ({ page, request, baseURL }) => {
  const email = freshEmail("back");
  const headers = { origin: baseURL! };
  expect((await request.post("/api/auth/sign-up/email", { headers, data: { email, password: PASSWORD, name: "Back" } })).status()).toBe(
    200,
  );
  await page.goto("/benchmarks/synthetic?family=ResNet");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/signin\?next=%2Fbenchmarks%2Fsynthetic%3Ffamily%3DResNet$/);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Empty fields: each error beside its field, focus on the first.
  await expect(page.getByLabel("E-mail")).toBeFocused();
  await expect(page.getByLabel("E-mail")).toHaveAccessibleDescription("Enter your e-mail address.");
  await expect(page.getByLabel(/^Password/)).toHaveAccessibleDescription("Enter your password.");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/benchmarks\/synthetic\?family=ResNet$/);
});
