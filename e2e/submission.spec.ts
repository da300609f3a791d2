// Flow: sign up → submit a tiny model through the form → its status page shows it queued (no worker runs in e2e).
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { freshEmail, signUpByApi } from "./account-helpers";

const FIXTURE = path.join(import.meta.dirname, "fixtures", "tiny-model");

test("a new account submits a model and lands on its status page", async ({ page }) => {
  const email = `e2e-${Date.now()}@example.org`;
  await page.goto("/signup?next=/submit");
  await page.getByLabel("Name (shown as the owner of your models)").fill("E2E Tester");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel(/^Password/).fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Submit a model" })).toBeVisible();

  // The browser checks come first: nothing chosen yet.
  await page.getByRole("button", { name: "Submit model" }).click();
  await expect(page.getByText(/^Name is required/)).toBeVisible();

  // Fresh weights each run (the last bias nudged), so a retry is not refused as a duplicate of the first try.
  const weights = fs.readFileSync(path.join(FIXTURE, "group1-shard1of1.bin"));
  weights.writeFloatLE(Math.random(), weights.length - 4);
  await page.getByLabel("Model files").setInputFiles([
    { name: "model.json", mimeType: "application/json", buffer: fs.readFileSync(path.join(FIXTURE, "model.json")) },
    { name: "group1-shard1of1.bin", mimeType: "application/octet-stream", buffer: weights },
  ]);
  await page.getByLabel("Name", { exact: true }).fill(`E2E tiny ${Date.now()}`);
  await page.getByLabel("Architecture family").fill("CNN");
  await page.getByLabel("Training data").fill("none (e2e fixture)");
  await page.getByRole("radio", { name: "No" }).check();
  await page.getByLabel(/^Preprocessing/).selectOption("unit-range");
  await page.getByLabel("Number of output classes").fill("10");
  await expect(
    page.getByText("A model with 10 classes will be evaluated on: Synthetic ClickMe-format set (10 synthetic shapes, v1)."),
  ).toBeVisible();
  await page.getByRole("button", { name: "Submit model" }).click();

  await expect(page).toHaveURL(/\/submissions\/e2e-tiny-/);
  // A 10-class model is queued on the 10-class board only (not on the 4-class shortcut set); this site runs no worker,
  // so the card says what the job waits for instead of a bare queue position.
  await expect(page.getByRole("heading", { name: /synthetic v\d+ — queued/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /shortcut v\d+/ })).toHaveCount(0);
  await expect(
    page.getByText("Waiting for a worker with the Synthetic ClickMe-format split (v1); none seen in the last 10 minutes."),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Resubmit as a new version" })).toBeVisible();
});

/** The control is marked invalid and described by its error, which says `text`. */
async function expectFieldError(page: Page, id: string, text: RegExp) {
  const control = page.locator(`#${id}`);
  await expect(control).toHaveAttribute("aria-invalid", "true");
  await expect(control).toHaveAttribute("aria-describedby", new RegExp(`(^| )${id}-error( |$)`));
  await expect(page.locator(`#${id}-error`)).toHaveText(text);
}

test("the form's errors use its labels, stand next to their fields and take the focus", async ({ page, baseURL }) => {
  await signUpByApi(page.request, baseURL!, freshEmail("form-errors"));
  await page.goto("/submit");
  await page.getByLabel("Number of output classes").fill("1.5");
  await page.getByRole("button", { name: "Submit model" }).click();

  // The first field with an error (in form order) has the focus; each error is beside its field, in the form's words.
  await expect(page.getByLabel("Model files")).toBeFocused();
  await expectFieldError(page, "files", /^Choose the model/);
  await expectFieldError(page, "name", /^Name is required/);
  await expectFieldError(page, "family", /^Architecture family is required/);
  await expectFieldError(page, "training_data", /^Training data is required/);
  await expectFieldError(page, "num_classes", /^Number of output classes must be a whole number/);
  await expectFieldError(page, "preprocessing", /^Choose the preprocessing/);
  for (const radio of await page.locator('input[name="trained_on_human_maps"]').all()) {
    await expect(radio).toHaveAttribute("aria-describedby", "trained_on_human_maps-error");
  }
  await expect(page.locator("#trained_on_human_maps-error")).toHaveText(/^Say whether the model was trained on human attention maps/);
  // No API field name (num_classes, training_data, …) in any message.
  for (const text of await page.locator(".field-error").allInnerTexts()) expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/);

  // The server's refusal of the files (an unreadable model.json) stands beside the file picker, which takes the focus.
  await page.getByLabel("Model files").setInputFiles([
    { name: "model.json", mimeType: "application/json", buffer: Buffer.from("{ not json") },
    { name: "group1-shard1of1.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(16) },
  ]);
  await page.getByLabel("Name", { exact: true }).fill(`Broken ${Date.now()}`);
  await page.getByLabel("Architecture family").fill("CNN");
  await page.getByLabel("Training data").fill("none");
  await page.getByRole("radio", { name: "No" }).check();
  await page.getByLabel(/^Preprocessing/).selectOption("unit-range");
  await page.getByLabel("Number of output classes").fill("10");
  await page.getByRole("button", { name: "Submit model" }).click();
  await expect(page.locator("#files-error")).toBeVisible();
  await expect(page.getByLabel("Model files")).toBeFocused();
  await expect(page.locator("#files")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#name")).not.toHaveAttribute("aria-invalid", "true");
});
