/**
 * The submit form's errors in the form's words. The checks are shared with POST /api/v1/submissions, whose messages
 * name the API's fields ("num_classes must be …", "files: …"); the form names its labels instead, and every error
 * belongs to a field the form shows, or else to the form as a whole.
 */
import type { FieldError } from "@/lib/types/submission-metadata";

/** Each form field's name (as the API spells it) and the label the form shows for it. In form order. */
export const SUBMIT_FIELD_LABELS = {
  files: "Model files",
  name: "Name",
  description: "Description",
  family: "Architecture family",
  training_data: "Training data",
  trained_on_human_maps: "Trained on human attention maps",
  preprocessing: "Preprocessing",
  scale: "Scale",
  mean: "Mean",
  std: "Std",
  num_classes: "Number of output classes",
  logits_node: "Logits node",
  fine_tuned_from: "Fine-tuned from",
  paper_url: "Paper URL",
  licence: "Licence",
  visibility: "Visibility",
} as const;

export type SubmitField = keyof typeof SUBMIT_FIELD_LABELS;

/** Labels for messages only: fields the form sends without showing them (an error about one is the form's own). */
const HIDDEN_FIELD_LABELS: Record<string, string> = { previous_version: "The model this is a new version of" };
const LABELS: Record<string, string> = { ...SUBMIT_FIELD_LABELS, ...HIDDEN_FIELD_LABELS };

const isFormField = (field: string): field is SubmitField => Object.hasOwn(SUBMIT_FIELD_LABELS, field);

/** Messages that read better rewritten whole than with the label swapped in. */
const REWRITES: Partial<Record<SubmitField, [RegExp, string][]>> = {
  trained_on_human_maps: [
    [
      /^trained_on_human_maps is required\b.*/s,
      "Say whether the model was trained on human attention maps: Yes if it saw ClickMe or other human attention maps in training, else No.",
    ],
  ],
  preprocessing: [
    [/^preprocessing is required\b.*/s, "Choose the preprocessing your model expects (Custom… takes a scale, a mean and a std)."],
  ],
  visibility: [[/^visibility must be\b.*/s, "Choose Public or Private."]],
};

/** A sentence starts with a capital, unless it starts with a file name ("model.json or a .onnx model is missing"). */
const capitalised = (s: string) => (/^[a-z]+(?![.\w])/.test(s) ? s.charAt(0).toUpperCase() + s.slice(1) : s);

/** The API field names (those with an underscore; plain words like "name" read fine) that a message may quote mid-sentence. */
const SNAKE_FIELDS = Object.keys(LABELS).filter((f) => f.includes("_"));

/** One message in the form's words: "num_classes must be …" → "Number of output classes must be …". */
export function messageInFormWords(field: string, message: string): string {
  if (isFormField(field)) {
    for (const [pattern, text] of REWRITES[field] ?? []) if (pattern.test(message)) return text;
  }
  let out = message;
  // The server's upload checks say "files: …": the message stands next to the file picker, so the prefix goes.
  const prefixed = /^([a-z_]+): (.*)$/s.exec(out);
  if (prefixed && isFormField(prefixed[1])) out = prefixed[2];
  else {
    const leading = Object.keys(LABELS).find((f) => out.startsWith(`${f} `));
    if (leading) out = `${LABELS[leading]}${out.slice(leading.length)}`;
  }
  for (const f of SNAKE_FIELDS) out = out.replace(new RegExp(`\\b${f}\\b`, "g"), `“${LABELS[f]}”`);
  return capitalised(out);
}

/** The API codes whose message is about the uploaded files, so it stands next to the file picker. */
const FILE_ERROR_CODES = new Set(["invalid_upload", "invalid_model", "payload_too_large"]);

/**
 * The errors to show: each in the form's words, under a field the form has (in form order), or under "form".
 * `code` is the API error's code, for an error without per-field details.
 */
export function formErrors(errors: readonly FieldError[], code?: string): FieldError[] {
  const order = Object.keys(SUBMIT_FIELD_LABELS);
  const mapped = errors.map((e) => {
    const field = isFormField(e.field) ? e.field : e.field === "form" && code && FILE_ERROR_CODES.has(code) ? "files" : "form";
    return { field, message: messageInFormWords(e.field, e.message) };
  });
  const rank = (f: string) => (f === "form" ? order.length : order.indexOf(f));
  return mapped.sort((a, b) => rank(a.field) - rank(b.field));
}
