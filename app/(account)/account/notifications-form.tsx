"use client";
// "Tell me when an evaluation ends": e-mail (when the site has a mail server) and a signed webhook whose secret is
// shown once. An error stands beside its field; focus moves to it.
import { useActionState, useEffect, useRef } from "react";
import { saveNotificationsAction, type NotificationState } from "./actions";

type Props = { email: string; emailOn: boolean; emailAvailable: boolean; webhookUrl: string };

export function NotificationsForm({ email, emailOn, emailAvailable, webhookUrl }: Props) {
  const [state, action, pending] = useActionState<NotificationState, FormData>(saveNotificationsAction, {});
  const urlInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (state.field === "webhook_url") urlInput.current?.focus();
  }, [state]);
  const urlError = state.field === "webhook_url" ? state.error : undefined;
  const otherError = state.error && state.field !== "webhook_url" ? state.error : undefined;
  return (
    <form action={action} className="card" noValidate>
      <p>
        <label>
          <input type="checkbox" name="email" value="yes" defaultChecked={emailOn} disabled={!emailAvailable} /> E-mail me at{" "}
          <strong>{email}</strong> when one of my evaluations ends
        </label>
        {!emailAvailable && <span className="muted"> (this site has no mail server configured; use a webhook)</span>}
      </p>
      <div className="field">
        <label htmlFor="webhook-url">Webhook URL (https; empty for none)</label>
        <input
          ref={urlInput}
          id="webhook-url"
          name="webhook_url"
          type="url"
          inputMode="url"
          maxLength={2000}
          defaultValue={state.webhookUrl ?? webhookUrl}
          placeholder="https://example.org/hooks/leaderboard"
          aria-invalid={urlError ? true : undefined}
          aria-describedby={urlError ? "webhook-url-error" : "webhook-url-hint"}
        />
        {urlError ? (
          <span id="webhook-url-error" className="field-error">
            {urlError}
          </span>
        ) : (
          <span id="webhook-url-hint" className="muted">
            Receives a signed JSON POST when an evaluation ends (the job as <code>GET /api/v1/jobs/{"{id}"}</code> shows it); see{" "}
            <a href="/docs/api#notifications">how to check the signature</a>.
          </span>
        )}
      </div>
      {webhookUrl && (
        <p>
          <label>
            <input type="checkbox" name="rotate_secret" value="yes" /> Issue a new signing secret
          </label>
        </p>
      )}
      {otherError && (
        <p role="alert" className="field-error">
          {otherError}
        </p>
      )}
      {state.saved && !state.secret && (
        <p role="status" className="notice notice-info">
          Saved.
        </p>
      )}
      {state.secret && (
        <div role="status" className="notice notice-info">
          <p>Saved. The webhook&apos;s signing secret: copy it now, it is shown only once.</p>
          <pre>
            <code>{state.secret}</code>
          </pre>
        </div>
      )}
      <button type="submit" disabled={pending}>
        Save notifications
      </button>
    </form>
  );
}
