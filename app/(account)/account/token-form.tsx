"use client";
// Creates a personal API token and shows it once.
import { useActionState } from "react";
import { createTokenAction, type TokenState } from "./actions";

export function TokenForm() {
  const [state, action, pending] = useActionState<TokenState, FormData>(createTokenAction, {});
  return (
    <form action={action} className="card">
      <div className="field">
        <label htmlFor="token-name">New token name</label>
        <input id="token-name" name="name" required maxLength={80} placeholder="e.g. lab cluster" />
      </div>
      <button type="submit" disabled={pending}>Create token</button>
      {state.error && <p role="alert">{state.error}</p>}
      {state.token && (
        <div role="status">
          <p>Token <strong>{state.name}</strong>: copy it now, it is shown only once.</p>
          <pre><code>{state.token}</code></pre>
        </div>
      )}
    </form>
  );
}
