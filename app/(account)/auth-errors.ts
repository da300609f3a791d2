/**
 * Sign-in and sign-up refusals in words a person knows, each beside the field it is about: the form's own checks
 * before anything is sent, and better-auth's error codes after. A refusal about no single field (a wrong password
 * for this address, another address than the site's, too many tries) stays the form's message.
 */
export const AUTH_FIELDS = ["name", "email", "password"] as const;
export type AuthField = (typeof AUTH_FIELDS)[number];
export type FieldErrors = Partial<Record<AuthField, string>>;
export type AuthMode = "signin" | "signup";

/** The account rules of lib/auth/server.ts (emailAndPassword) and the name's limit. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
export const NAME_MAX = 80;

const WORDS = {
  nameMissing: "Enter your name, shown as the owner of your models.",
  nameTooLong: `Your name can be at most ${NAME_MAX} characters.`,
  emailMissing: "Enter your e-mail address.",
  emailInvalid: "Enter an e-mail address like name@example.org.",
  passwordMissing: "Enter your password.",
  passwordTooShort: `Choose a password of at least ${PASSWORD_MIN} characters.`,
  passwordTooLong: `Choose a password of at most ${PASSWORD_MAX} characters.`,
  wrongCredentials: "This e-mail address and password do not match an account here. Check both, or create an account.",
} as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What the form checks before sending, field by field (the browser's own bubbles are off: they stand beside nothing). */
export function checkAuthFields(mode: AuthMode, v: { name: string; email: string; password: string }): FieldErrors {
  const errors: FieldErrors = {};
  if (mode === "signup") {
    if (!v.name.trim()) errors.name = WORDS.nameMissing;
    else if (v.name.length > NAME_MAX) errors.name = WORDS.nameTooLong;
  }
  if (!v.email.trim()) errors.email = WORDS.emailMissing;
  else if (!EMAIL.test(v.email.trim())) errors.email = WORDS.emailInvalid;
  if (!v.password) errors.password = WORDS.passwordMissing;
  else if (mode === "signup" && v.password.length < PASSWORD_MIN) errors.password = WORDS.passwordTooShort;
  else if (mode === "signup" && v.password.length > PASSWORD_MAX) errors.password = WORDS.passwordTooLong;
  return errors;
}

/** better-auth answers `{ code, message }`; the site's own refusals (origin, rate limit) the envelope `{ error: { message } }`. */
export type AuthError = { status: number; code?: string; message?: string; error?: { message?: string } };

const BY_CODE: Record<string, { field: AuthField; message: string }> = {
  INVALID_EMAIL: { field: "email", message: WORDS.emailInvalid },
  PASSWORD_TOO_SHORT: { field: "password", message: WORDS.passwordTooShort },
  PASSWORD_TOO_LONG: { field: "password", message: WORDS.passwordTooLong },
};

/** Where a refusal goes: beside a field, or the form's message. */
export function placeAuthError(e: AuthError): { field: AuthField; message: string } | { field: null; message: string } {
  if (e.error?.message) return { field: null, message: e.error.message };
  const known = e.code ? BY_CODE[e.code] : undefined;
  if (known) return known;
  if (e.code === "INVALID_EMAIL_OR_PASSWORD") return { field: null, message: WORDS.wrongCredentials };
  return { field: null, message: e.message ?? `Failed (${e.status})` };
}

/** The field focus moves to: the first with an error, in the form's order. */
export function firstInvalidField(errors: FieldErrors): AuthField | null {
  return AUTH_FIELDS.find((f) => errors[f] !== undefined) ?? null;
}
