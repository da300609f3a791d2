// Flow: personal API tokens on /account. Every refusal of its server actions is words on the page, never a 500:
// bad input, someone else's token id, a session that ended, a form posted from another site; and without JavaScript.
import { expect, test, type Page } from "@playwright/test";
import { freshEmail, signUpByApi, signUpInBrowser } from "./account-helpers";

async function createToken(page: Page, name: string) {
  await page.getByLabel("New token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
}

const row = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByRole("cell", { name, exact: true }) });

test("tokens are created and revoked; bad input and another user's token id are answered on the page", async ({ page, browser }) => {
  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  await signUpInBrowser(bob, freshEmail("bob"));
  await createToken(bob, "bob's laptop");
  await expect(bob.getByRole("status")).toContainText("copy it now");
  await bob.reload();
  const bobTokenId = await row(bob, "bob's laptop").locator('input[name="id"]').inputValue();

  await signUpInBrowser(page, freshEmail("ada"));
  await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();
  await createToken(page, "   ");
  // Beside the field, in the form's words, and the field has the focus.
  await expect(page.locator("form").getByRole("alert")).toHaveText("Give the token a name of 1 to 80 characters.");
  await expect(page.getByLabel("New token name")).toHaveAttribute("aria-describedby", "token-name-error");
  await expect(page.getByLabel("New token name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("New token name")).toBeFocused();
  await createToken(page, "lab cluster");
  await expect(page.getByRole("status")).toContainText("Token lab cluster: copy it now, it is shown only once.");
  await expect(page.getByRole("status").locator("code")).toHaveText(/^hlp_/);

  // The revoke form, pointed at Bob's token: refused like a missing token, and Bob's token stays live.
  const ours = row(page, "lab cluster");
  const idInput = ours.locator('input[name="id"]');
  await idInput.evaluate((el, id) => ((el as HTMLInputElement).value = id), bobTokenId);
  await ours.getByRole("button", { name: "Revoke lab cluster" }).click();
  await expect(ours.getByRole("alert")).toHaveText(`No live API token ${bobTokenId} on this account.`);
  await bob.reload();
  await expect(row(bob, "bob's laptop").getByRole("button", { name: /^Revoke/ })).toBeVisible();

  await idInput.evaluate((el) => ((el as HTMLInputElement).value = "12abc"));
  await ours.getByRole("button", { name: "Revoke lab cluster" }).click();
  await expect(ours.getByRole("alert")).toHaveText("'12abc' is not a token id: use the Revoke button of a token listed on this page.");

  await page.reload();
  await row(page, "lab cluster").getByRole("button", { name: "Revoke lab cluster" }).click();
  await expect(row(page, "lab cluster").getByRole("cell", { name: "revoked" })).toBeVisible();
  await bobContext.close();
});

test("a session that ended meanwhile: both forms say to sign in again", async ({ page, context }) => {
  await signUpInBrowser(page, freshEmail("gone"));
  await createToken(page, "old");
  await expect(page.getByRole("status")).toContainText("copy it now");
  await page.reload();
  await context.clearCookies();
  const signedOut = "You are signed out (your session ended): sign in again to manage your tokens.";
  await createToken(page, "new");
  await expect(page.locator("form").getByRole("alert")).toHaveText(signedOut);
  await row(page, "old").getByRole("button", { name: "Revoke old" }).click();
  await expect(row(page, "old").getByRole("alert")).toHaveText(signedOut);
});

test("a token form posted from another site is refused in words and creates nothing", async ({ page, baseURL }) => {
  await signUpInBrowser(page, freshEmail("victim"));
  await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();
  // The real form's fields (its action id included), served from another origin that posts them to the site.
  const fields = await page
    .locator("form.card input[type=hidden]")
    .evaluateAll((els) => els.map((el) => [(el as HTMLInputElement).name, (el as HTMLInputElement).value]));
  const inputs = [...fields, ["name", "planted"]]
    .map(([n, v]) => `<input type="hidden" name="${n.replace(/"/g, "&quot;")}" value="${v.replace(/"/g, "&quot;")}">`)
    .join("");
  await page.route("http://evil.example/**", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><form method="post" enctype="multipart/form-data" action="${baseURL}/account">${inputs}<button>Win a prize</button></form>`,
    }),
  );
  await page.goto("http://evil.example/");
  const [answer] = await Promise.all([
    page.waitForResponse(`${baseURL}/account`),
    page.getByRole("button", { name: "Win a prize" }).click(),
  ]);
  expect(answer.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Cross-site request refused" })).toBeVisible();
  await expect(page.getByText(`This form was sent from http://evil.example, not from this site's own pages.`)).toBeVisible();
  await expect(page.getByRole("link", { name: `${baseURL}/account` })).toBeVisible();

  // The same post with the victim's session cookie attached (a browser would not send it cross-site) is refused too.
  const multipart = Object.fromEntries([...fields, ["name", "planted"]]);
  const withCookie = await page.request.post("/account", { headers: { origin: "https://evil.example" }, multipart });
  expect(withCookie.status()).toBe(403);
  expect(await withCookie.text()).toContain("This form was sent from https://evil.example");

  await page.goto("/account");
  await expect(page.getByRole("cell", { name: "planted" })).toHaveCount(0);
});

test("without JavaScript the forms still work and their refusals are rendered on the page", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  await signUpByApi(context.request, baseURL!, freshEmail("nojs"));
  const page = await context.newPage();
  await page.goto("/account");
  await createToken(page, " ".repeat(3));
  await expect(page.locator("form").getByRole("alert")).toHaveText("Give the token a name of 1 to 80 characters.");
  await createToken(page, "no script");
  await expect(page.getByRole("status")).toContainText("Token no script: copy it now");
  await row(page, "no script").getByRole("button", { name: "Revoke no script" }).click();
  await expect(row(page, "no script").getByRole("cell", { name: "revoked" })).toBeVisible();
  await context.close();
});
