/** Sign-in / sign-up errors: in the form's words, beside their field (aria-describedby), focus on the first. */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { checkAuthFields, firstInvalidField, placeAuthError } from "./auth-errors";
import { AuthFields } from "./auth-fields";

const API_WORDS = /\b(email|name|password):|invalid email|too short|required|string/i;

describe("checkAuthFields", () => {
  it("names every empty field of a sign-up, in words, first one first", () => {
    const e = checkAuthFields("signup", { name: " ", email: "", password: "" });
    expect(e).toEqual({
      name: "Enter your name, shown as the owner of your models.",
      email: "Enter your e-mail address.",
      password: "Enter your password.",
    });
    expect(firstInvalidField(e)).toBe("name");
    for (const m of Object.values(e)) expect(m).not.toMatch(API_WORDS);
  });

  it("checks the address's shape and the password's length on sign-up only", () => {
    const signup = checkAuthFields("signup", { name: "Ada", email: "ada@", password: "short" });
    expect(signup).toEqual({
      email: "Enter an e-mail address like name@example.org.",
      password: "Choose a password of at least 10 characters.",
    });
    expect(firstInvalidField(signup)).toBe("email");
    expect(checkAuthFields("signin", { name: "", email: "ada@example.org", password: "short" })).toEqual({});
    expect(checkAuthFields("signup", { name: "Ada", email: "ada@example.org", password: "x".repeat(129) }).password).toBe(
      "Choose a password of at most 128 characters.",
    );
    expect(firstInvalidField({})).toBeNull();
  });
});

describe("placeAuthError", () => {
  it("puts better-auth's field refusals beside their field, in the form's words", () => {
    expect(placeAuthError({ status: 400, code: "INVALID_EMAIL", message: "Invalid email" })).toEqual({
      field: "email",
      message: "Enter an e-mail address like name@example.org.",
    });
    expect(placeAuthError({ status: 400, code: "PASSWORD_TOO_SHORT", message: "Password too short" })).toEqual({
      field: "password",
      message: "Choose a password of at least 10 characters.",
    });
  });

  it("keeps refusals about no single field as the form's message", () => {
    expect(placeAuthError({ status: 401, code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" })).toEqual({
      field: null,
      message: "This e-mail address and password do not match an account here. Check both, or create an account.",
    });
    // The site's own envelope (another origin, a rate limit) is already in its words.
    expect(placeAuthError({ status: 429, error: { message: "Too many attempts: try again in 60 s." } })).toEqual({
      field: null,
      message: "Too many attempts: try again in 60 s.",
    });
  });
});

describe("AuthFields", () => {
  it("renders each error beside its field, referenced by aria-describedby, the field marked invalid", () => {
    const html = renderToStaticMarkup(
      <AuthFields mode="signup" errors={{ email: "Enter your e-mail address.", password: "Enter your password." }} />,
    );
    for (const id of ["email", "password"]) {
      expect(html).toMatch(new RegExp(`<input id="${id}"[^>]*aria-invalid="true"[^>]*aria-describedby="${id}-error"`));
      expect(html).toMatch(new RegExp(`<span id="${id}-error" class="field-error">`));
    }
    expect(html).toContain('<span id="email-error" class="field-error">Enter your e-mail address.</span>');
    expect(html).not.toMatch(/<input id="name"[^>]*aria-invalid/);
    expect(html).not.toContain("name-error");
  });

  it("shows no name field on sign-in and no error markup without errors", () => {
    const html = renderToStaticMarkup(<AuthFields mode="signin" errors={{}} />);
    expect(html).not.toContain('id="name"');
    expect(html).not.toContain("aria-describedby");
    expect(html).toContain('autoComplete="current-password"');
  });
});
