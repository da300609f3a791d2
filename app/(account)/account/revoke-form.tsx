"use client";
// Revokes one personal API token; a refusal (signed out, not yours, already revoked) is shown beside the button.
import { useActionState } from "react";
import { revokeTokenAction, type RevokeState } from "./actions";

export function RevokeForm({ id, name }: { id: number; name: string }) {
  const [state, action, pending] = useActionState<RevokeState, FormData>(revokeTokenAction, {});
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} aria-label={`Revoke ${name}`}>
        Revoke
      </button>
      {state.error && <p role="alert">{state.error}</p>}
    </form>
  );
}
