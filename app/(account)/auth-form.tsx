"use client";
// Sign-in / sign-up form: better-auth's client posts JSON to /api/auth/*, then the browser goes where it was headed.
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { authClient } from "@/lib/auth/client";

type Props = { mode: "signin" | "signup"; next: string; providers: { github: boolean; orcid: boolean } };

export function AuthForm({ mode, next, providers }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const email = String(data.get("email"));
    const password = String(data.get("password"));
    setBusy(true);
    setError(null);
    const result =
      mode === "signup"
        ? await authClient.signUp.email({ email, password, name: String(data.get("name")) })
        : await authClient.signIn.email({ email, password });
    setBusy(false);
    if (result.error) return setError(result.error.message ?? `Failed (${result.error.status})`);
    window.location.assign(next);
  }

  return (
    <form className="card" onSubmit={onSubmit} aria-describedby={error ? "auth-error" : undefined}>
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
        <input id="password" name="password" type="password" required minLength={mode === "signup" ? 10 : 1}
          autoComplete={mode === "signup" ? "new-password" : "current-password"} />
      </div>
      {error && <p id="auth-error" role="alert" className="notice-info">{error}</p>}
      <p>
        <button type="submit" disabled={busy}>{mode === "signup" ? "Create account" : "Sign in"}</button>{" "}
        {mode === "signup" ? <Link href={`/signin?next=${encodeURIComponent(next)}`}>I have an account</Link>
          : <Link href={`/signup?next=${encodeURIComponent(next)}`}>Create an account</Link>}
      </p>
      {providers.github && (
        <p><button type="button" onClick={() => authClient.signIn.social({ provider: "github", callbackURL: next })}>Continue with GitHub</button></p>
      )}
      {providers.orcid && (
        <p><button type="button" onClick={() => authClient.signIn.social({ provider: "orcid", callbackURL: next })}>Continue with ORCID</button></p>
      )}
    </form>
  );
}
