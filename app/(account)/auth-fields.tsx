// The sign-in / sign-up fields: each error stands beside its field (aria-invalid, aria-describedby). No state: the form owns it.
import type { InputHTMLAttributes } from "react";
import { NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, type AuthMode, type FieldErrors } from "./auth-errors";

type FieldProps = {
  id: "name" | "email" | "password";
  label: string;
  error: string | undefined;
  input: InputHTMLAttributes<HTMLInputElement>;
};

function Field({ id, label, error, input }: FieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={id}
        required
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={error !== undefined ? `${id}-error` : undefined}
        {...input}
      />
      {error !== undefined && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

export function AuthFields({ mode, errors }: { mode: AuthMode; errors: FieldErrors }) {
  return (
    <>
      {mode === "signup" && (
        <Field
          id="name"
          label="Name (shown as the owner of your models)"
          error={errors.name}
          input={{ maxLength: NAME_MAX, autoComplete: "name" }}
        />
      )}
      <Field id="email" label="E-mail" error={errors.email} input={{ type: "email", autoComplete: "email" }} />
      <Field
        id="password"
        label={`Password${mode === "signup" ? ` (at least ${PASSWORD_MIN} characters)` : ""}`}
        error={errors.password}
        input={{
          type: "password",
          minLength: mode === "signup" ? PASSWORD_MIN : undefined,
          maxLength: PASSWORD_MAX,
          autoComplete: mode === "signup" ? "new-password" : "current-password",
        }}
      />
    </>
  );
}
