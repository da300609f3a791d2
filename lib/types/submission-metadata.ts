/**
 * The metadata of a model submission as multipart form fields (the web form and POST /api/v1/submissions send the
 * same names). Pure: the submit form runs the same checks in the browser; the server always runs them again.
 */
import { z } from "zod";

export type PreprocessingValue = { scale: number; mean: [number, number, number]; std: [number, number, number] };

/** Transforms x' = (x · scale − mean_c) / std_c on RGB in [0, 255] that are exactly what the name says. */
export const PREPROCESSING_PRESETS = {
  identity: { label: "Identity (pixels 0–255 as they are)", value: { scale: 1, mean: [0, 0, 0], std: [1, 1, 1] } },
  "unit-range": { label: "Scale to [0, 1] (x / 255)", value: { scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] } },
  "torchvision-imagenet": {
    label: "torchvision ImageNet (x / 255, mean 0.485, 0.456, 0.406, std 0.229, 0.224, 0.225)",
    value: { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
  },
  "keras-tf": { label: "Keras 'tf' mode, [−1, 1] (x / 127.5 − 1)", value: { scale: 1 / 255, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] } },
} as const satisfies Record<string, { label: string; value: PreprocessingValue }>;

export type PreprocessingPreset = keyof typeof PREPROCESSING_PRESETS;

export const SUBMISSION_FIELDS = [
  "name",
  "description",
  "family",
  "training_data",
  "trained_on_human_maps",
  "fine_tuned_from",
  "paper_url",
  "licence",
  "preprocessing",
  "scale",
  "mean",
  "std",
  "logits_node",
  "num_classes",
  "visibility",
  "previous_version",
] as const;

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .optional()
    .transform((v) => v || null);
const slugRef = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^[a-z0-9-]{1,80}$/.test(v), `${label} must be a model slug (lower-case letters, digits, '-')`);

/** The display fields an owner may also edit later (lib/types/model-edit.ts): one validator each, shared. */
export const nameField = z
  .string({ error: "name is required" })
  .trim()
  .min(1, "name is required")
  .max(120, "name must be at most 120 characters");
export const descriptionField = z
  .string()
  .trim()
  .max(5000, "description must be at most 5000 characters")
  .optional()
  .transform((v) => v ?? "");
export const httpUrlField = (label: string) =>
  z
    .string()
    .trim()
    .max(2000, `${label} must be at most 2000 characters`)
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^https?:\/\/\S+$/.test(v), `${label} must be an http(s) URL`);
export const licenceField = optionalText(100, "licence");

/** "0.00392", "1/255" or "1" → a finite positive number. */
function parseScale(text: string): number | null {
  const m = text.trim().match(/^([0-9.eE+-]+)(?:\s*\/\s*([0-9.eE+-]+))?$/);
  if (!m) return null;
  const value = m[2] === undefined ? Number(m[1]) : Number(m[1]) / Number(m[2]);
  return Number.isFinite(value) && value > 0 ? value : null;
}

function parseTriple(text: string): [number, number, number] | null {
  const parts = text.split(",").map((p) => p.trim());
  if (parts.length !== 3 || parts.some((p) => p === "")) return null;
  const values = parts.map(Number);
  return values.every(Number.isFinite) ? (values as [number, number, number]) : null;
}

const STD_RANGE = { min: 1e-4, max: 1e4 };

const presetIds = Object.keys(PREPROCESSING_PRESETS) as [PreprocessingPreset, ...PreprocessingPreset[]];

export const SubmissionFields = z
  .object({
    name: nameField,
    description: descriptionField,
    family: z
      .string({ error: "family is required (e.g. ResNet, ViT, ConvNeXt)" })
      .trim()
      .min(1, "family is required (e.g. ResNet, ViT, ConvNeXt)")
      .max(60, "family must be at most 60 characters"),
    training_data: z
      .string({ error: "training_data is required (e.g. ImageNet-1k)" })
      .trim()
      .min(1, "training_data is required (e.g. ImageNet-1k)")
      .max(200, "training_data must be at most 200 characters"),
    trained_on_human_maps: z
      .enum(["yes", "no", "true", "false"], {
        error: "trained_on_human_maps is required: 'yes' if the model saw ClickMe or other human attention maps in training, else 'no'",
      })
      .transform((v) => v === "yes" || v === "true"),
    fine_tuned_from: slugRef("fine_tuned_from"),
    paper_url: httpUrlField("paper_url"),
    licence: licenceField,
    preprocessing: z.enum([...presetIds, "custom"], {
      error: `preprocessing is required: one of ${[...presetIds, "custom"].join(", ")} (custom takes scale, mean and std)`,
    }),
    scale: z.string().optional(),
    mean: z.string().optional(),
    std: z.string().optional(),
    logits_node: optionalText(200, "logits_node"),
    num_classes: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v.trim() === "") return 1000;
        const n = Number(v);
        if (!Number.isInteger(n) || n < 2 || n > 100_000) {
          ctx.addIssue({ code: "custom", message: "num_classes must be a whole number from 2 to 100000 (ImageNet models: 1000)" });
          return z.NEVER;
        }
        return n;
      }),
    visibility: z
      .enum(["public", "private"], { error: "visibility must be 'public' or 'private'" })
      .optional()
      .transform((v) => v ?? "public"),
    previous_version: slugRef("previous_version"),
  })
  .transform((f, ctx) => {
    let preprocessing: PreprocessingValue;
    if (f.preprocessing === "custom") {
      const scale = parseScale(f.scale ?? "");
      const mean = parseTriple(f.mean ?? "");
      const std = parseTriple(f.std ?? "");
      if (scale === null)
        ctx.addIssue({ code: "custom", path: ["scale"], message: "scale must be a positive number such as 1/255 or 0.0039" });
      if (mean === null)
        ctx.addIssue({ code: "custom", path: ["mean"], message: "mean must be three numbers 'r,g,b', e.g. 0.485,0.456,0.406" });
      // A std near zero multiplies the input by 1e300 (5e-324 was accepted): bound it to what any normalisation uses.
      const badStd = std === null || std.some((s) => !(s >= STD_RANGE.min && s <= STD_RANGE.max));
      if (badStd)
        ctx.addIssue({
          code: "custom",
          path: ["std"],
          message: `std must be three numbers 'r,g,b' from ${STD_RANGE.min} to ${STD_RANGE.max}, e.g. 0.229,0.224,0.225`,
        });
      if (scale === null || mean === null || std === null || badStd) return z.NEVER;
      preprocessing = { scale, mean, std };
    } else {
      const v = PREPROCESSING_PRESETS[f.preprocessing].value;
      preprocessing = { scale: v.scale, mean: [...v.mean], std: [...v.std] };
    }
    return {
      displayName: f.name,
      description: f.description,
      family: f.family,
      trainingData: f.training_data,
      trainedOnHumanMaps: f.trained_on_human_maps,
      fineTunedFrom: f.fine_tuned_from,
      paperUrl: f.paper_url,
      licence: f.licence,
      preprocessing,
      logitsNode: f.logits_node,
      numClasses: f.num_classes,
      visibility: f.visibility,
      previousVersion: f.previous_version,
    };
  });

export type SubmissionFields = z.infer<typeof SubmissionFields>;
export type FieldError = { field: string; message: string };

/** Parses the form fields; on failure, one message per bad field, in form order. */
export function parseSubmissionFields(
  fields: Record<string, string>,
): { ok: true; value: SubmissionFields } | { ok: false; errors: FieldError[] } {
  const parsed = SubmissionFields.safeParse(fields);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? "form"), message: i.message }));
  const order = (f: string) => (SUBMISSION_FIELDS as readonly string[]).indexOf(f);
  return { ok: false, errors: errors.sort((a, b) => order(a.field) - order(b.field)) };
}
