"use client";
// Sign-in / sign-up form: better-auth's client posts JSON to /api/auth/*, then the browser goes where it was headed.
// Sign-up signs nobody in (it answers a new and a registered address alike), so the form signs in right after it.
import Link from "next/link";
import { useState, useSyncExternalStore, type FormEvent } from "react";
import { authClient } from "@/lib/auth/client";
import { SIGN_UP_THEN_SIGN_IN_FAILED, wrongOriginMessage } from "@/lib/auth/messages";

type Props = { mode: "signin" | "signup"; next: string; providers: { github: boolean; orcid: boolean }; siteOrigin: string };
type AuthError = { status: number; message?: string; error?: { message?: string } };

/** better-auth answers `{ message }`; the site's own refusals (origin, rate limit) the envelope `{ error: { message } }`. */
const messageOf = (e: AuthError) => e.error?.message ?? e.message ?? `Failed (${e.status})`;

const neverChanges = () => () => {};

export function AuthForm({ mode, next, providers, siteOrigin }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
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
    const email = String(data.get("email"));
    const password = String(data.get("password"));
    setBusy(true);
    setError(null);
    if (mode === "signup") {
      const signedUp = await authClient.signUp.email({ email, password, name: String(data.get("name")) });
      if (signedUp.error) return fail(messageOf(signedUp.error as AuthError));
    }
    const signedIn = await authClient.signIn.email({ email, password });
    if (signedIn.error) {
      const e = signedIn.error as AuthError;
      return fail(mode === "signup" && e.status === 401 ? SIGN_UP_THEN_SIGN_IN_FAILED : messageOf(e));
    }
    window.location.assign(next);
  }

  function fail(message: string) {
    setBusy(false);
    setError(message);
  }

  return (
    <form className="card" onSubmit={onSubmit} aria-describedby={error ? "auth-error" : undefined}>
      {wrongOrigin && (
        <p className="notice notice-info" role="status">
          {wrongOriginMessage(openedAt, siteOrigin)}{" "}
          <a href={`${siteOrigin}/${mode}?next=${encodeURIComponent(next)}`}>
            Go to {siteOrigin}/{mode}
          </a>
        </p>
      )}
      {mode === "signup" && (
        <div className="field">
          <label htmlFor="name">Name (shown as the owner of your models)</label>
          <input id="name" name="name" required maxLength={80} autoComplete="name" />
        </div>
      )}
      <div className="field">
        <label htmlFor="email">E-mail</label>
        <input id="email" name="email" type="email" required autoComplete="email" />
      </div>
      <div className="field">
        <label htmlFor="password">Password{mode === "signup" ? " (at least 10 characters)" : ""}</label>
        <input
          id="password"
          name="password"
          type="password"
          required
          minLength={mode === "signup" ? 10 : 1}
          autoComplete={mode === "signup" ? "new-password" : "current-password"}
        />
      </div>
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
