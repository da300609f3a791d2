"use client";
// Sign-in / sign-up form: better-auth's client posts JSON to /api/auth/*, then the browser goes where it was headed.
// Sign-up signs nobody in (it answers a new and a registered address alike), so the form signs in right after it.
// A refusal about one field stands beside it and focus moves to the first such field; any other is the form's message.
import Link from "next/link";
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { authClient } from "@/lib/auth/client";
import { SIGN_UP_THEN_SIGN_IN_FAILED, wrongOriginMessage } from "@/lib/auth/messages";
import { checkAuthFields, firstInvalidField, placeAuthError, type AuthError, type FieldErrors } from "./auth-errors";
import { AuthFields } from "./auth-fields";

type Props = { mode: "signin" | "signup"; next: string; providers: { github: boolean; orcid: boolean }; siteOrigin: string };

const neverChanges = () => () => {};

export function AuthForm({ mode, next, providers, siteOrigin }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const first = firstInvalidField(fieldErrors);
    if (first) form.current?.querySelector<HTMLInputElement>(`#${first}`)?.focus();
  }, [fieldErrors]);
  // Known only in the browser: the address this page was opened at (null on the server and while hydrating).
  const openedAt = useSyncExternalStore(
    neverChanges,
    () => window.location.origin,
    () => null,
  );
  const wrongOrigin = openedAt !== null && openedAt !== siteOrigin;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const name = String(data.get("name") ?? "");
    setError(null);
    const checked = checkAuthFields(mode, { name, email, password });
    setFieldErrors(checked);
    if (firstInvalidField(checked)) return;
    setBusy(true);
    if (mode === "signup") {
      const signedUp = await authClient.signUp.email({ email, password, name: name.trim() });
      if (signedUp.error) return fail(signedUp.error as AuthError);
    }
    const signedIn = await authClient.signIn.email({ email, password });
    if (signedIn.error) {
      const e = signedIn.error as AuthError;
      if (mode === "signup" && e.status === 401) return fail({ status: 401, error: { message: SIGN_UP_THEN_SIGN_IN_FAILED } });
      return fail(e);
    }
    window.location.assign(next);
  }

  function fail(e: AuthError) {
    setBusy(false);
    const placed = placeAuthError(e);
    if (placed.field) setFieldErrors({ [placed.field]: placed.message });
    else setError(placed.message);
  }

  return (
    <form ref={form} className="card" onSubmit={onSubmit} noValidate aria-describedby={error ? "auth-error" : undefined}>
      {wrongOrigin && (
        <p className="notice notice-info" role="status">
          {wrongOriginMessage(openedAt, siteOrigin)}{" "}
          <a href={`${siteOrigin}/${mode}?next=${encodeURIComponent(next)}`}>
            Go to {siteOrigin}/{mode}
          </a>
        </p>
      )}
      <AuthFields mode={mode} errors={fieldErrors} />
      {error && (
        <p id="auth-error" role="alert" className="notice-info">
          {error}
        </p>
      )}
      <p>
        <button type="submit" disabled={busy}>
          {mode === "signup" ? "Create account" : "Sign in"}
        </button>{" "}
        {mode === "signup" ? (
          <Link href={`/signin?next=${encodeURIComponent(next)}`}>I have an account</Link>
        ) : (
          <Link href={`/signup?next=${encodeURIComponent(next)}`}>Create an account</Link>
        )}
      </p>
      {providers.github && (
        <p>
          <button type="button" onClick={() => authClient.signIn.social({ provider: "github", callbackURL: next })}>
            Continue with GitHub
          </button>
        </p>
      )}
      {providers.orcid && (
        <p>
          <button type="button" onClick={() => authClient.signIn.social({ provider: "orcid", callbackURL: next })}>
            Continue with ORCID
          </button>
        </p>
      )}
    </form>
  );
}
