"use client";
// Creates a personal API token and shows it once. A refusal of the name stands beside its field (aria-describedby) in
// the form's words, and focus moves to the field; any other refusal is the form's own message.
import { useActionState, useEffect, useRef } from "react";
import { createTokenAction, type TokenState } from "./actions";

/** The query layer says "name: give the token a name …"; the form says it beside the field it is about. */
const NAME_ERROR = /^name: (.*)$/s;
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function TokenForm() {
  const [state, action, pending] = useActionState<TokenState, FormData>(createTokenAction, {});
  const input = useRef<HTMLInputElement>(null);
  const nameError = state.error ? NAME_ERROR.exec(state.error)?.[1] : undefined;
  const formError = state.error && nameError === undefined ? state.error : undefined;
  useEffect(() => {
    if (nameError !== undefined) input.current?.focus();
  }, [state, nameError]);
  return (
    <form action={action} className="card">
      <div className="field">
        <label htmlFor="token-name">New token name</label>
        <input
          ref={input}
          id="token-name"
          name="name"
          required
          maxLength={80}
          placeholder="e.g. lab cluster"
          aria-invalid={nameError !== undefined ? true : undefined}
          aria-describedby={nameError !== undefined ? "token-name-error" : undefined}
        />
        {nameError !== undefined && (
          <span id="token-name-error" role="alert" className="field-error">
            {sentence(nameError)}
          </span>
        )}
      </div>
      <button type="submit" disabled={pending}>
        Create token
      </button>
      {formError && (
        <p role="alert" className="field-error">
          {formError}
        </p>
      )}
      {state.token && (
        <div role="status">
          <p>
            Token <strong>{state.name}</strong>: copy it now, it is shown only once.
          </p>
          <pre>
            <code>{state.token}</code>
          </pre>
        </div>
      )}
    </form>
  );
}
