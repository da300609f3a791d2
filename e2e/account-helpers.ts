// Accounts for the account specs: made through the real sign-up form, or through the auth API for pages without JS.
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const PASSWORD = "correct horse battery";
export const freshEmail = (tag: string) => `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;

/** Signs up through /signup and lands on `next` signed in. */
export async function signUpInBrowser(page: Page, email: string, next = "/account", password = PASSWORD) {
  await page.goto(`/signup?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Name (shown as the owner of your models)").fill(email.split("@")[0]);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Signs up and in through the auth API; the request context shares its cookies with its browser context. */
export async function signUpByApi(request: APIRequestContext, baseURL: string, email: string) {
  const headers = { origin: baseURL };
  expect(
    (await request.post("/api/auth/sign-up/email", { headers, data: { email, password: PASSWORD, name: email.split("@")[0] } })).status(),
  ).toBe(200);
  expect((await request.post("/api/auth/sign-in/email", { headers, data: { email, password: PASSWORD } })).status()).toBe(200);
}
