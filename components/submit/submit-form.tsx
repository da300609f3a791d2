"use client";
// The submit form: client-side checks, then a multipart POST to /api/v1/submissions with an upload progress bar.
// Errors, the browser's and the server's, are in the form's words (form-words.ts), stand next to their field
// (aria-describedby, aria-invalid) and focus moves to the first field with one.
import Link from "next/link";
import { cloneElement, useEffect, useRef, useState, type FormEvent, type ReactElement } from "react";
import { PREPROCESSING_PRESETS, parseSubmissionFields, type FieldError } from "@/lib/types/submission-metadata";
import { benchmarksForClassCount, noBenchmarkMessage } from "@/lib/benchmarks/eligibility";
import { BoardsForClasses } from "./boards-for-classes";
import { checkFiles } from "./check-files";
import { formErrors } from "./form-words";
import { type SubmitDefaults } from "./submit-defaults";
import { uploadWithProgress } from "./upload";

type Props = { defaults: SubmitDefaults; maxBytes: number };

type A11yProps = { "aria-invalid"?: boolean; "aria-describedby"?: string };

/** What a control says about its hint and its error; the ids are `${id}-hint` and `${id}-error`. */
function describedBy(id: string, hint: boolean, error: FieldError | undefined): A11yProps {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { "aria-invalid": error ? true : undefined, "aria-describedby": ids || undefined };
}

function FieldErrorText({ id, error }: { id: string; error: FieldError | undefined }) {
  return error ? (
    <span id={`${id}-error`} className="field-error">
      {error.message}
    </span>
  ) : null;
}

/** One labelled control (the only child) with its hint and its error. */
function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: React.ReactNode;
  errors: FieldError[];
  children: ReactElement<A11yProps>;
}) {
  const error = errors.find((e) => e.field === id);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, describedBy(id, !!hint, error))}
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      <FieldErrorText id={id} error={error} />
    </div>
  );
}

/** A group of radio buttons under a legend, with its error; each button is described by it. */
function RadioGroup({
  name,
  legend,
  options,
  defaultValue,
  errors,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  defaultValue: string;
  errors: FieldError[];
}) {
  const error = errors.find((e) => e.field === name);
  return (
    <fieldset className="check-group radio-group">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input type="radio" name={name} value={o.value} defaultChecked={defaultValue === o.value} {...describedBy(name, false, error)} />{" "}
          {o.label}
        </label>
      ))}
      <FieldErrorText id={name} error={error} />
    </fieldset>
  );
}

export function SubmitForm({ defaults: d, maxBytes }: Props) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [preset, setPreset] = useState(d.preprocessing);
  const [numClasses, setNumClasses] = useState(d.num_classes);
  const form = useRef<HTMLFormElement>(null);

  // After each refusal: focus the first control (in form order) with an error, else the form's own message.
  useEffect(() => {
    if (errors.length === 0 || !form.current) return;
    const fields = new Set(errors.map((e) => e.field));
    const first = Array.from(form.current.elements).find(
      (el): el is HTMLElement =>
        el instanceof HTMLElement && "name" in el && fields.has(String(el.name)) && el.getAttribute("type") !== "hidden",
    );
    (first ?? form.current.querySelector<HTMLElement>("[data-form-error]"))?.focus();
  }, [errors]);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const files = data.getAll("files").filter((f): f is File => f instanceof File && f.name !== "");
    const fields = Object.fromEntries([...data.entries()].filter(([k, v]) => k !== "files" && typeof v === "string" && v !== "")) as Record<
      string,
      string
    >;
    const parsed = parseSubmissionFields(fields);
    const found = parsed.ok ? [] : [...parsed.errors];
    const classes = Number(fields.num_classes);
    if (Number.isInteger(classes) && classes > 0 && !benchmarksForClassCount(classes).length) {
      found.push({ field: "num_classes", message: noBenchmarkMessage(classes) });
    }
    const fileError = checkFiles(files, maxBytes);
    if (fileError) found.push({ field: "files", message: fileError });
    setErrors(formErrors(found));
    if (found.length) return;
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    for (const f of files) body.append("files", f, f.name);
    setProgress(0);
    try {
      const res = await uploadWithProgress("/api/v1/submissions", body, setProgress);
      const json = res.body as {
        model?: { status_url: string };
        error?: { code?: string; message: string; details?: { fields?: FieldError[] } };
      };
      if (res.status === 201 && json.model) return window.location.assign(json.model.status_url);
      setProgress(null);
      const fields = json.error?.details?.fields;
      setErrors(
        formErrors(
          fields?.length ? fields : [{ field: "form", message: json.error?.message ?? `The server answered ${res.status}.` }],
          json.error?.code,
        ),
      );
    } catch (err) {
      setProgress(null);
      setErrors([{ field: "form", message: (err as Error).message }]);
    }
  }

  const formError = errors.find((e) => e.field === "form");
  return (
    <form ref={form} className="card submit-form" onSubmit={onSubmit} noValidate>
      <Field
        id="files"
        label="Model files"
        hint={
          <>
            One .zip; or model.json with its .bin shards (TF.js layers or graph model); or a .onnx model with its external-data files
            (PyTorch, timm: see <Link href="/docs/pytorch">Submit a PyTorch model</Link>; zip external-data files whose names this picker
            hides). 224×224 RGB input, class logits out.
          </>
        }
        errors={errors}
      >
        <input id="files" name="files" type="file" multiple accept=".zip,.json,.bin,.onnx,.data" required />
      </Field>
      <Field id="name" label="Name" errors={errors}>
        <input id="name" name="name" defaultValue={d.name} required maxLength={120} />
      </Field>
      <Field id="description" label="Description" errors={errors}>
        <textarea id="description" name="description" defaultValue={d.description} maxLength={5000} rows={3} />
      </Field>
      <Field id="family" label="Architecture family" hint="e.g. ResNet, ViT, ConvNeXt, MobileNet" errors={errors}>
        <input id="family" name="family" defaultValue={d.family} required maxLength={60} />
      </Field>
      <Field id="training_data" label="Training data" hint="e.g. ImageNet-1k, ImageNet-21k + ImageNet-1k" errors={errors}>
        <input id="training_data" name="training_data" defaultValue={d.training_data} required maxLength={200} />
      </Field>
      <RadioGroup
        name="trained_on_human_maps"
        legend="Trained on human attention maps (ClickMe or similar)?"
        errors={errors}
        defaultValue={d.trained_on_human_maps}
        options={[
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ]}
      />
      <Field id="preprocessing" label="Preprocessing: x′ = (x · scale − mean) / std on RGB pixels in [0, 255]" errors={errors}>
        <select
          id="preprocessing"
          name="preprocessing"
          value={preset}
          onChange={(e) => setPreset(e.target.value as typeof preset)}
          required
        >
          <option value="" disabled>
            Choose the transform your model expects
          </option>
          {Object.entries(PREPROCESSING_PRESETS).map(([id, p]) => (
            <option key={id} value={id}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom…</option>
        </select>
      </Field>
      {preset === "custom" && (
        <>
          <Field id="scale" label="Scale" hint="e.g. 1/255" errors={errors}>
            <input id="scale" name="scale" defaultValue={d.scale} />
          </Field>
          <Field id="mean" label="Mean r,g,b" hint="e.g. 0.485,0.456,0.406" errors={errors}>
            <input id="mean" name="mean" defaultValue={d.mean} />
          </Field>
          <Field id="std" label="Std r,g,b" hint="e.g. 0.229,0.224,0.225" errors={errors}>
            <input id="std" name="std" defaultValue={d.std} />
          </Field>
        </>
      )}
      <Field id="num_classes" label="Number of output classes" hint={<BoardsForClasses value={numClasses} />} errors={errors}>
        <input
          id="num_classes"
          name="num_classes"
          type="number"
          min={2}
          max={100000}
          value={numClasses}
          onChange={(e) => setNumClasses(e.target.value)}
        />
      </Field>
      <Field
        id="logits_node"
        label="Logits node (graph models) or output (ONNX models with several outputs)"
        hint="The node or output whose value is the pre-softmax logits."
        errors={errors}
      >
        <input id="logits_node" name="logits_node" defaultValue={d.logits_node} />
      </Field>
      <Field id="fine_tuned_from" label="Fine-tuned from (model slug, optional)" errors={errors}>
        <input id="fine_tuned_from" name="fine_tuned_from" defaultValue={d.fine_tuned_from} />
      </Field>
      <Field id="paper_url" label="Paper URL (optional)" errors={errors}>
        <input id="paper_url" name="paper_url" type="url" defaultValue={d.paper_url} />
      </Field>
      <Field id="licence" label="Licence (optional)" errors={errors}>
        <input id="licence" name="licence" defaultValue={d.licence} maxLength={100} />
      </Field>
      <RadioGroup
        name="visibility"
        legend="Visibility"
        errors={errors}
        defaultValue={d.visibility}
        options={[
          { value: "public", label: "Public: on the leaderboard once evaluated" },
          { value: "private", label: "Private: only you and the admins see it" },
        ]}
      />
      {d.previous_version && <input type="hidden" name="previous_version" value={d.previous_version} />}
      {errors.length > 0 && (
        <p role="alert" className="field-error" tabIndex={-1} data-form-error>
          {formError
            ? formError.message
            : `Please correct ${errors.length === 1 ? "the field marked" : `the ${errors.length} fields marked`} above.`}
        </p>
      )}
      {progress !== null && (
        <p>
          <label htmlFor="upload-progress">Uploading… {Math.round(progress * 100)}%</label>{" "}
          <progress id="upload-progress" max={1} value={progress} />
        </p>
      )}
      <button type="submit" disabled={progress !== null}>
        Submit model
      </button>
    </form>
  );
}
