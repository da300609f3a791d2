/**
 * The display metadata an owner may edit after submission (PATCH /api/v1/models/:slug and the model page's form), and
 * the reason of a withdrawal. The same validators as submission metadata (submission-metadata.ts); what is evaluated
 * (weights, preprocessing, classes) and what is declared about training is not editable: that is a new version.
 */
import { z } from "zod";
import { descriptionField, httpUrlField, licenceField, nameField, type FieldError } from "./submission-metadata";

/** API field → model column, in form order. */
export const EDITABLE_FIELDS = {
  name: "displayName",
  description: "description",
  paper_url: "paperUrl",
  code_url: "codeUrl",
  weights_url: "weightsUrl",
  licence: "licence",
} as const;

export type EditableField = keyof typeof EDITABLE_FIELDS;

/** The form's labels; messages shown in the web form name these, not the API fields. */
export const EDIT_FIELD_LABELS: Record<EditableField, string> = {
  name: "Name",
  description: "Description",
  paper_url: "Paper (URL)",
  code_url: "Code (URL)",
  weights_url: "Weights (URL)",
  licence: "Licence",
};

/** A validation message in the form's words: "code_url must be …" → "Code (URL) must be …". */
export function inFormWords(message: string): string {
  for (const [field, label] of Object.entries(EDIT_FIELD_LABELS)) {
    if (message.startsWith(`${field} `)) return `${label}${message.slice(field.length)}`;
  }
  return message;
}
export type ModelEdit = Partial<Record<(typeof EDITABLE_FIELDS)[EditableField], string | null>>;

const FIELD_SCHEMAS: Record<EditableField, z.ZodType<string | null>> = {
  name: nameField,
  description: descriptionField,
  paper_url: httpUrlField("paper_url"),
  code_url: httpUrlField("code_url"),
  weights_url: httpUrlField("weights_url"),
  licence: licenceField,
};

const NAMES = Object.keys(EDITABLE_FIELDS) as EditableField[];

/**
 * The fields sent (absent ones stay as they are; an empty string or null clears an optional one). Unknown fields are
 * refused by name, so a typo never passes as "nothing changed"; sending none is an error too.
 */
export function parseModelEdit(input: Record<string, unknown>): { ok: true; value: ModelEdit } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value: ModelEdit = {};
  for (const key of Object.keys(input)) {
    if (!(NAMES as string[]).includes(key)) {
      errors.push({
        field: key,
        message: `'${key.slice(0, 60)}' cannot be edited. Editable: ${NAMES.join(", ")} (weights, preprocessing and training declarations need a new version).`,
      });
    }
  }
  for (const name of NAMES) {
    if (!(name in input)) continue;
    const raw = input[name];
    if (raw !== null && typeof raw !== "string") {
      errors.push({ field: name, message: `${name} must be text${name === "name" ? "" : " (or null to clear it)"}` });
      continue;
    }
    const parsed = FIELD_SCHEMAS[name].safeParse(raw ?? undefined);
    if (parsed.success) value[EDITABLE_FIELDS[name]] = parsed.data;
    else errors.push({ field: name, message: parsed.error.issues[0].message });
  }
  if (errors.length === 0 && Object.keys(value).length === 0) {
    errors.push({ field: "form", message: `Nothing to change: send at least one of ${NAMES.join(", ")}.` });
  }
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

export const WITHDRAW_REASON_MAX = 500;

/** The reason shown on the withdrawn model's pages: required, one line or a few. */
export function parseWithdrawReason(raw: unknown): { ok: true; value: string } | { ok: false; error: FieldError } {
  const text = typeof raw === "string" ? raw.trim() : "";
  if (!text)
    return {
      ok: false,
      error: { field: "reason", message: "reason is required: say why the model leaves the board (it is shown on its pages)" },
    };
  if (text.length > WITHDRAW_REASON_MAX)
    return { ok: false, error: { field: "reason", message: `reason must be at most ${WITHDRAW_REASON_MAX} characters` } };
  return { ok: true, value: text };
}
