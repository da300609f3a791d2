"use client";
// The submit form: client-side checks, then a multipart POST to /api/v1/submissions with an upload progress bar.
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { PREPROCESSING_PRESETS, parseSubmissionFields, type FieldError } from "@/lib/types/submission-metadata";
import { benchmarksForClassCount, noBenchmarkMessage } from "@/lib/benchmarks/eligibility";
import { BoardsForClasses } from "./boards-for-classes";
import { checkFiles } from "./check-files";
import { type SubmitDefaults } from "./submit-defaults";
import { uploadWithProgress } from "./upload";

type Props = { defaults: SubmitDefaults; maxBytes: number };

function Field({ id, label, hint, errors, children }: { id: string; label: string; hint?: React.ReactNode; errors: FieldError[]; children: React.ReactNode }) {
  const error = errors.find((e) => e.field === id);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <small id={`${id}-hint`} className="muted">{hint}</small>}
      {error && <small id={`${id}-error`} role="alert">{error.message}</small>}
    </div>
  );
}

export function SubmitForm({ defaults: d, maxBytes }: Props) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [preset, setPreset] = useState(d.preprocessing);
  const [numClasses, setNumClasses] = useState(d.num_classes);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const files = data.getAll("files").filter((f): f is File => f instanceof File && f.name !== "");
    const fields = Object.fromEntries([...data.entries()].filter(([k, v]) => k !== "files" && typeof v === "string" && v !== "")) as Record<string, string>;
    const parsed = parseSubmissionFields(fields);
    const found = parsed.ok ? [] : [...parsed.errors];
    const classes = Number(fields.num_classes);
    if (Number.isInteger(classes) && classes > 0 && !benchmarksForClassCount(classes).length) {
      found.push({ field: "num_classes", message: noBenchmarkMessage(classes) });
    }
    const fileError = checkFiles(files, maxBytes);
    if (fileError) found.push({ field: "files", message: fileError });
    setErrors(found);
    if (found.length) return;
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    for (const f of files) body.append("files", f, f.name);
    setProgress(0);
    try {
      const res = await uploadWithProgress("/api/v1/submissions", body, setProgress);
      const json = res.body as { model?: { status_url: string }; error?: { message: string; details?: { fields?: FieldError[] } } };
      if (res.status === 201 && json.model) return window.location.assign(json.model.status_url);
      setProgress(null);
      setErrors(json.error?.details?.fields ?? [{ field: "form", message: json.error?.message ?? `The server answered ${res.status}.` }]);
    } catch (err) {
      setProgress(null);
      setErrors([{ field: "form", message: (err as Error).message }]);
    }
  }

  const formError = errors.find((e) => e.field === "form");
  return (
    <form className="card" onSubmit={onSubmit} noValidate>
      <Field
        id="files"
        label="Model files"
        hint={<>
          One .zip; or model.json with its .bin shards (TF.js layers or graph model); or a .onnx model with its external-data
          files (PyTorch, timm: see <Link href="/docs/pytorch">Submit a PyTorch model</Link>; zip external-data files whose names
          this picker hides). 224×224 RGB input, class logits out.
        </>}
        errors={errors}
      >
        <input id="files" name="files" type="file" multiple accept=".zip,.json,.bin,.onnx,.data" required />
      </Field>
      <Field id="name" label="Name" errors={errors}><input id="name" name="name" defaultValue={d.name} required maxLength={120} /></Field>
      <Field id="description" label="Description" errors={errors}><textarea id="description" name="description" defaultValue={d.description} maxLength={5000} rows={3} /></Field>
      <Field id="family" label="Architecture family" hint="e.g. ResNet, ViT, ConvNeXt, MobileNet" errors={errors}><input id="family" name="family" defaultValue={d.family} required maxLength={60} /></Field>
      <Field id="training_data" label="Training data" hint="e.g. ImageNet-1k, ImageNet-21k + ImageNet-1k" errors={errors}><input id="training_data" name="training_data" defaultValue={d.training_data} required maxLength={200} /></Field>
      <fieldset className="check-group">
        <legend>Trained on human attention maps (ClickMe or similar)?</legend>
        <label><input type="radio" name="trained_on_human_maps" value="yes" defaultChecked={d.trained_on_human_maps === "yes"} /> Yes</label>{" "}
        <label><input type="radio" name="trained_on_human_maps" value="no" defaultChecked={d.trained_on_human_maps === "no"} /> No</label>
        {errors.find((e) => e.field === "trained_on_human_maps") && <small role="alert">{errors.find((e) => e.field === "trained_on_human_maps")!.message}</small>}
      </fieldset>
      <Field id="preprocessing" label="Preprocessing: x′ = (x · scale − mean) / std on RGB pixels in [0, 255]" errors={errors}>
        <select id="preprocessing" name="preprocessing" value={preset} onChange={(e) => setPreset(e.target.value as typeof preset)} required>
          <option value="" disabled>Choose the transform your model expects</option>
          {Object.entries(PREPROCESSING_PRESETS).map(([id, p]) => <option key={id} value={id}>{p.label}</option>)}
          <option value="custom">Custom…</option>
        </select>
      </Field>
      {preset === "custom" && (
        <>
          <Field id="scale" label="Scale" hint="e.g. 1/255" errors={errors}><input id="scale" name="scale" defaultValue={d.scale} /></Field>
          <Field id="mean" label="Mean r,g,b" hint="e.g. 0.485,0.456,0.406" errors={errors}><input id="mean" name="mean" defaultValue={d.mean} /></Field>
          <Field id="std" label="Std r,g,b" hint="e.g. 0.229,0.224,0.225" errors={errors}><input id="std" name="std" defaultValue={d.std} /></Field>
        </>
      )}
      <Field id="num_classes" label="Number of output classes" hint={<BoardsForClasses value={numClasses} />} errors={errors}>
        <input
          id="num_classes" name="num_classes" type="number" min={2} max={100000} value={numClasses}
          onChange={(e) => setNumClasses(e.target.value)} aria-describedby="num_classes-hint"
        />
      </Field>
      <Field id="logits_node" label="Logits node (graph models) or output (ONNX models with several outputs)" hint="The node or output whose value is the pre-softmax logits." errors={errors}><input id="logits_node" name="logits_node" defaultValue={d.logits_node} /></Field>
      <Field id="fine_tuned_from" label="Fine-tuned from (model slug, optional)" errors={errors}><input id="fine_tuned_from" name="fine_tuned_from" defaultValue={d.fine_tuned_from} /></Field>
      <Field id="paper_url" label="Paper URL (optional)" errors={errors}><input id="paper_url" name="paper_url" type="url" defaultValue={d.paper_url} /></Field>
      <Field id="licence" label="Licence (optional)" errors={errors}><input id="licence" name="licence" defaultValue={d.licence} maxLength={100} /></Field>
      <fieldset className="check-group">
        <legend>Visibility</legend>
        <label><input type="radio" name="visibility" value="public" defaultChecked={d.visibility === "public"} /> Public: on the leaderboard once evaluated</label><br />
        <label><input type="radio" name="visibility" value="private" defaultChecked={d.visibility === "private"} /> Private: only you and the admins see it</label>
      </fieldset>
      {d.previous_version && <input type="hidden" name="previous_version" value={d.previous_version} />}
      {formError && <p role="alert" className="notice-info">{formError.message}</p>}
      {progress !== null && (
        <p>
          <label htmlFor="upload-progress">Uploading… {Math.round(progress * 100)}%</label>{" "}
          <progress id="upload-progress" max={1} value={progress} />
        </p>
      )}
      <button type="submit" disabled={progress !== null}>Submit model</button>
    </form>
  );
}
