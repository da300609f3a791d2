// Flows: sign-up that does not tell whether an e-mail address has an account, and a site opened at another address
// than PUBLIC_URL (here localhost for 127.0.0.1), where signing in cannot work and the pages say where to go.
import { expect, test } from "@playwright/test";
import { freshEmail, PASSWORD, signUpInBrowser } from "./account-helpers";

const RECEIVED = {
  status: "received",
  message:
    "If this e-mail address had no account here, it has one now: sign in with it. If it already had one, nothing was changed: sign in with that account's password.",
};

test("the sign-up API answers a registered e-mail exactly like a new one, with no session for either", async ({ request, baseURL }) => {
  const email = freshEmail("twice");
  const signUp = (password: string, name: string) =>
    request.post("/api/auth/sign-up/email", { headers: { origin: baseURL! }, data: { email, password, name } });
  const first = await signUp(PASSWORD, "First");
  const second = await signUp("a different password", "Second");
  for (const res of [first, second]) {
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual(RECEIVED);
    expect(res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie")).toEqual([]);
  }
  // The first password is still the account's; the second changed nothing.
  const signIn = (password: string) =>
    request.post("/api/auth/sign-in/email", { headers: { origin: baseURL! }, data: { email, password } });
  expect((await signIn("a different password")).status()).toBe(401);
  const ok = await signIn(PASSWORD);
  expect(ok.status()).toBe(200);
  expect((await ok.json()).user.name).toBe("First");
});

test("signing up again with a registered e-mail signs nobody in and says what to do", async ({ page, browser }) => {
  const email = freshEmail("owner");
  await signUpInBrowser(page, email);
  await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();

  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await signUpInBrowser(other, email, "/account", "a stranger's password");
  await expect(other.locator("form").getByRole("alert")).toHaveText(
    "Could not sign you in with this password. If this e-mail address already had an account, nothing was changed: " +
      "sign in with that account's password, or create an account with another address.",
  );
  await other.goto("/account");
  await expect(other).toHaveURL(/\/signin\?next=%2Faccount/);
  await stranger.close();
});

test("opened at another address than PUBLIC_URL: the sign-in and sign-up pages and the API say where to open the site", async ({
  page,
  request,
  baseURL,
}) => {
  const site = new URL(baseURL!);
  const elsewhere = `http://localhost:${site.port}`;
  const words = `Open this site at ${site.origin} to sign in or create an account: this page was opened at ${elsewhere}, and signing in works only at the site's own address.`;

  await page.goto(`${elsewhere}/signup?next=/account`);
  await expect(page.getByRole("status")).toContainText(words);
  await page.getByLabel("Name (shown as the owner of your models)").fill("Elsewhere");
  await page.getByLabel("E-mail").fill(freshEmail("elsewhere"));
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(words);

  await page.goto(`${elsewhere}/signin`);
  await page.getByLabel("E-mail").fill("nobody@example.org");
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(words);
  // The notice's link leads to the site's own address, where the notice is gone.
  await page.getByRole("link", { name: `Go to ${site.origin}/signin` }).click();
  await expect(page).toHaveURL(`${site.origin}/signin?next=%2Fsubmissions`);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveCount(0);

  const res = await request.post(`${elsewhere}/api/auth/sign-in/email`, {
    headers: { origin: elsewhere },
    data: { email: "nobody@example.org", password: PASSWORD },
  });
  expect(res.status()).toBe(403);
  expect(await res.json()).toEqual({ error: { code: "forbidden", message: words } });
});
