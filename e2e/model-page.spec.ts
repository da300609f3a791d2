import { expect, test } from "@playwright/test";

test("a model page shows scores with intervals, metadata, provenance and lineage", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("table").getByRole("link", { name: "ResNet-50 harmonized (demo)" }).click();
  await expect(page).toHaveURL(/\/models\/demo-resnet50-harmonized$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("ResNet-50 harmonized (demo)");
  await expect(page.getByRole("note", { name: "Demo data" })).toBeVisible();

  const scores = page.getByRole("table").filter({ hasText: "Scores per benchmark and version" });
  const clickme = scores.getByRole("row").filter({ hasText: "ClickMe human alignment" });
  await expect(clickme).toContainText(/v1\s*current/);
  await expect(clickme.getByRole("cell").nth(1)).toHaveText(/^\d+\.\d% \[\d+\.\d, \d+\.\d\]$/);

  await expect(page.getByText("Preprocessing", { exact: true })).toBeVisible();
  await expect(page.getByText(/x′ = \(x · /)).toBeVisible();
  await expect(page.getByText(/No provenance: this is a demo placeholder/).first()).toBeVisible();

  await page.getByRole("link", { name: "ResNet-50 (demo)" }).click();
  await expect(page).toHaveURL(/\/models\/demo-resnet50$/);
  await expect(page.getByText("Fine-tuned into")).toBeVisible();
});

test("a benchmark page explains the protocol and shows its own board", async ({ page }) => {
  await page.goto("/benchmarks/clickme");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ClickMe human alignment");
  await expect(page.getByRole("heading", { name: "What is measured and how" })).toBeVisible();
  await expect(page.getByText(/0\.65753: the mean Spearman correlation/)).toBeVisible();
  await expect(page.getByText(/v1 \(2026-11-28\)/)).toBeVisible();
  await page
    .getByRole("link", { name: /^Alignment/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/benchmarks\/clickme\?sort=alignment/);
});

test("the about page gives the BibTeX from the citations registry", async ({ page }) => {
  await page.goto("/about");
  await expect(page.getByLabel("BibTeX entry")).toContainText("@inproceedings{fel2022harmonizing");
});
