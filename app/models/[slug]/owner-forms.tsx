"use client";
// The owner's forms on a model page: edit display metadata, withdraw, reinstate, delete. Errors stand next to their
// field (aria-describedby) and focus moves to the first one; destructive actions need their confirmation box. They
// work without JavaScript too (server actions post as plain forms).
import { useActionState, useEffect, useRef } from "react";
import { EDIT_FIELD_LABELS } from "@/lib/types/model-edit";
import { deleteModelAction, editModelAction, reinstateModelAction, withdrawModelAction, type ModelActionState } from "./actions";

type Values = { name: string; description: string; paper_url: string; code_url: string; weights_url: string; licence: string };

const errorOf = (state: ModelActionState, field: string) => state.errors?.find((e) => e.field === field)?.message;

/** Moves focus to the first field with an error (or the form's own message) after each answer. */
function useFocusFirstError(state: ModelActionState, form: React.RefObject<HTMLFormElement | null>) {
  useEffect(() => {
    const first = state.errors?.[0];
    if (!first || !form.current) return;
    const target = form.current.querySelector<HTMLElement>(`[name="${first.field}"]`) ?? form.current.querySelector<HTMLElement>("[data-form-error]");
    target?.focus();
  }, [state, form]);
}

function FormMessage({ state, id }: { state: ModelActionState; id: string }) {
  const error = errorOf(state, "form");
  if (error) return <p id={id} role="alert" className="field-error" tabIndex={-1} data-form-error>{error}</p>;
  if (state.message) return <p id={id} role="status" className="notice notice-info">{state.message}</p>;
  return null;
}

function Field({ name, value, state, multiline = false }: { name: keyof Values; value: string; state: ModelActionState; multiline?: boolean }) {
  const error = errorOf(state, name);
  const id = `edit-${name}`;
  const props = {
    id, name, defaultValue: state.values?.[name] ?? value, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : undefined,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{EDIT_FIELD_LABELS[name]}</label>
      {multiline ? <textarea {...props} rows={4} maxLength={5000} /> : (
        <input {...props} type={name.endsWith("_url") ? "url" : "text"} maxLength={name === "name" ? 120 : name === "licence" ? 100 : 2000}
          required={name === "name"} inputMode={name.endsWith("_url") ? "url" : undefined} />
      )}
      {error && <span id={`${id}-error`} className="field-error">{error}</span>}
    </div>
  );
}

export function EditModelForm({ slug, values }: { slug: string; values: Values }) {
  const [state, action, pending] = useActionState<ModelActionState, FormData>(editModelAction, {});
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(state, form);
  return (
    <section className="card" aria-labelledby="edit-heading">
      <h2 id="edit-heading">Edit this model&apos;s details</h2>
      <p className="muted">
        Display details only; every change is listed, dated, in the history on this page. What is evaluated (weights,
        preprocessing, classes) changes by submitting a new version.
      </p>
      <form ref={form} action={action} noValidate>
        <input type="hidden" name="slug" value={slug} />
        <Field name="name" value={values.name} state={state} />
        <Field name="description" value={values.description} state={state} multiline />
        <Field name="paper_url" value={values.paper_url} state={state} />
        <Field name="code_url" value={values.code_url} state={state} />
        <Field name="weights_url" value={values.weights_url} state={state} />
        <Field name="licence" value={values.licence} state={state} />
        <FormMessage state={state} id="edit-message" />
        <p><button type="submit" disabled={pending}>Save changes</button></p>
      </form>
    </section>
  );
}

function ConfirmBox({ state, label }: { state: ModelActionState; label: string }) {
  const error = errorOf(state, "confirm");
  return (
    <p>
      <label>
        <input type="checkbox" name="confirm" value="yes" aria-describedby={error ? "confirm-error" : undefined} aria-invalid={error ? true : undefined} /> {label}
      </label>
      {error && <span id="confirm-error" className="field-error">{error}</span>}
    </p>
  );
}

export function WithdrawForm({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState<ModelActionState, FormData>(withdrawModelAction, {});
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(state, form);
  const reasonError = errorOf(state, "reason");
  return (
    <section className="card danger-zone" aria-labelledby="withdraw-heading">
      <h2 id="withdraw-heading">Withdraw from the boards</h2>
      <p>
        The model leaves the live boards, the scatter, searches and downloads; its queued evaluations are cancelled. This
        page and its result pages stay up, marked withdrawn with the date and your reason, and snapshots that cite it do
        not change. You can reinstate it later.
      </p>
      <form ref={form} action={action} noValidate>
        <input type="hidden" name="slug" value={slug} />
        <div className="field">
          <label htmlFor="withdraw-reason">Reason (shown on its pages)</label>
          <textarea id="withdraw-reason" name="reason" rows={2} maxLength={500} required defaultValue={state.values?.reason ?? ""}
            aria-invalid={reasonError ? true : undefined} aria-describedby={reasonError ? "withdraw-reason-error" : undefined} />
          {reasonError && <span id="withdraw-reason-error" className="field-error">{reasonError}</span>}
        </div>
        <ConfirmBox state={state} label="I want this model off the boards" />
        <FormMessage state={state} id="withdraw-message" />
        <p><button type="submit" disabled={pending}>Withdraw</button></p>
      </form>
    </section>
  );
}

export function ReinstateForm({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState<ModelActionState, FormData>(reinstateModelAction, {});
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(state, form);
  return (
    <section className="card" aria-labelledby="reinstate-heading">
      <h2 id="reinstate-heading">Reinstate</h2>
      <p>Put the model back on the boards, ranked with its current results.</p>
      <form ref={form} action={action}>
        <input type="hidden" name="slug" value={slug} />
        <FormMessage state={state} id="reinstate-message" />
        <p><button type="submit" disabled={pending}>Reinstate</button></p>
      </form>
    </section>
  );
}

export function DeleteForm({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState<ModelActionState, FormData>(deleteModelAction, {});
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(state, form);
  return (
    <section className="card danger-zone" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete this private model</h2>
      <p>
        Deletes the model, its evaluations, per-image values and stored files for good. Your published results keep
        counting these evaluations as earlier private attempts.
      </p>
      <form ref={form} action={action} noValidate>
        <input type="hidden" name="slug" value={slug} />
        <ConfirmBox state={state} label="Delete this model and its results for good" />
        <FormMessage state={state} id="delete-message" />
        <p><button type="submit" disabled={pending} className="button-danger">Delete</button></p>
      </form>
    </section>
  );
}
