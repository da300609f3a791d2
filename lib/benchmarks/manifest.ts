/**
 * Benchmarks declared by data instead of code: a JSON manifest (written by `npm run data:import-maps`, or by hand)
 * becomes a registry entry scored by the ClickMe protocol (docs/datasets.md). The same file is the split's
 * `manifest.json` beside its shards, so a worker's data advert (lib/datasets/data-advert.ts) reads it unchanged.
 * Pure: no file system here (lib/benchmarks/manifest-dir.ts reads the directory).
 */
import { z } from "zod";
import type { BenchmarkDefinition, ManifestCeiling } from "./types";

export const MANIFEST_FORMAT = "harmonization-benchmark-manifest/1";
/** The label of a score that is not divided by any ceiling. */
export const RAW_SCORE_LABEL = "no ceiling: raw mean ρ";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "must be a sha256 in lowercase hex (64 characters 0-9a-f)");
const text = (max: number) => z.string().trim().min(1, "must be a non-empty string").max(max, `must be at most ${max} characters`);
const SHARD_NAME = /^val-(0|[1-9]\d*)\.tfrecords$/;

const CeilingSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({
      kind: z.literal("published"),
      value: z.number().gt(0, "must be a number in (0, 1]").max(1, "must be a number in (0, 1]"),
      /** Where the number is published (a citation or URL). */
      source: text(500),
    }),
    z.strictObject({
      kind: z.literal("split-half"),
      value: z.number().gt(0, "must be a number in (0, 1]").max(1, "must be a number in (0, 1]"),
      /** The images with at least two raters that the mean was taken over. */
      images: z.number().int().positive("must be a positive integer"),
      /** Random half-splits per image. */
      splits: z.number().int().positive("must be a positive integer"),
      seed: z.number().int().min(0).max(0xffffffff, "must be an integer in 0..4294967295"),
      /** The mean ρ between the halves' mean maps before the Spearman-Brown correction. */
      uncorrected: z.number().min(-1).max(1),
    }),
    z.strictObject({ kind: z.literal("none") }),
  ],
  {
    error:
      'must be an object whose kind is "published" (with value and source), "split-half" (computed by data:import-maps --rater-maps) or "none"',
  },
);

export const BenchmarkManifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT, { error: `must be "${MANIFEST_FORMAT}"` }),
  id: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, "must be 2-40 characters: lowercase letters, digits and '-', starting with a letter"),
  version: z.number().int("must be an integer ≥ 1").min(1, "must be an integer ≥ 1"),
  title: text(120),
  summary: text(2000),
  /** Extra protocol paragraphs (the ClickMe protocol's are always shown). */
  protocol: z.array(text(2000)).max(20).default([]),
  classes: z.strictObject({
    count: z
      .number()
      .int("must be an integer in 2..100000")
      .min(2, "must be an integer in 2..100000")
      .max(100_000, "must be an integer in 2..100000"),
    /** In words for people choosing a board: "ImageNet-1k". */
    space: text(200),
    /** Optional names, one per label 0..count-1. */
    names: z.array(text(200)).optional(),
  }),
  ceiling: CeilingSchema,
  dataset: z.strictObject({
    name: text(200),
    description: text(2000),
    /** Where the images and maps come from (a URL or words). */
    source: text(500),
    /** Whether the site may show the images (thumbnails in the per-image explorer). */
    imagesShown: z.boolean().default(false),
  }),
  licence: text(500),
  citation: z.strictObject({ text: text(2000), bibtex: text(5000), url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }) }),
  changelog: z
    .array(
      z.strictObject({ version: z.number().int().min(1), date: z.iso.date({ error: "must be a date YYYY-MM-DD" }), change: text(500) }),
    )
    .min(1, "must list at least one version (newest last)"),
  comparableWithPaper: z.boolean().default(false),
  /** The split: shards val-0 … val-N in order, each with its size, sha256 and record count. */
  shards: z
    .array(
      z.strictObject({
        name: z.string().regex(SHARD_NAME, "must be a shard name val-N.tfrecords"),
        bytes: z.number().int().positive("must be a positive integer (the file's size)"),
        sha256,
        records: z.number().int().positive("must be a positive integer"),
      }),
    )
    .min(1, "must list at least one shard"),
  /** sha256 of the lines "name<TAB>bytes<TAB>sha256\n" of every shard in order (lib/datasets/clickme-shards.ts). */
  sha256,
  nImages: z.number().int().positive("must be a positive integer"),
  /** What wrote the file (data:import-maps records its arguments); free-form, not shown. */
  importer: z.record(z.string(), z.unknown()).optional(),
});

export type BenchmarkManifest = z.infer<typeof BenchmarkManifestSchema>;
export type { ManifestCeiling, ManifestData } from "./types";

/** "name\tbytes\tsha256\n" per shard: the text whose sha256 is the split's (fingerprintDataset). */
export const shardSummary = (shards: { name: string; bytes: number; sha256: string }[]) =>
  shards.map((s) => `${s.name}\t${s.bytes}\t${s.sha256}\n`).join("");

export type ManifestParse = { ok: true; manifest: BenchmarkManifest; definition: BenchmarkDefinition } | { ok: false; error: string };

const fieldName = (path: PropertyKey[]) =>
  path.length
    ? path
        .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
        .join("")
        .replace(/^\./, "")
    : "(the file)";

/**
 * Checks a parsed JSON value. Every problem names the file, the field and what is allowed; `reservedIds` (the
 * built-in benchmarks) may not be reused. `sha256Hex` (injected: the pure layer has no crypto) checks the split's
 * sha256 against its shard list, so a hand-edited shard line is caught here rather than at a worker.
 */
export function parseBenchmarkManifest(
  raw: unknown,
  file: string,
  opts: { reservedIds?: readonly string[]; sha256Hex?: (text: string) => string } = {},
): ManifestParse {
  const parsed = BenchmarkManifestSchema.safeParse(raw, { reportInput: true });
  const fail = (field: string, message: string): ManifestParse => ({
    ok: false,
    error: `benchmark manifest ${file}: field '${field}': ${message}`,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const more =
      parsed.error.issues.length > 1
        ? ` (and ${parsed.error.issues.length - 1} more problem${parsed.error.issues.length > 2 ? "s" : ""})`
        : "";
    const key =
      issue.code === "unrecognized_keys"
        ? `${issue.path.length ? fieldName(issue.path) + "." : ""}${issue.keys[0]}`
        : fieldName(issue.path);
    const message =
      issue.code === "unrecognized_keys"
        ? `is not a manifest field (allowed: ${allowedKeys(issue.path).join(", ")})`
        : issue.code === "invalid_type" && issue.input === undefined
          ? `is required (a ${issue.expected})`
          : issue.code === "invalid_type"
            ? `must be a ${issue.expected}, got ${describe(issue.input)}`
            : issue.message;
    return fail(key, `${message}${more}`);
  }
  const m = parsed.data;
  if (opts.reservedIds?.includes(m.id)) return fail("id", `'${m.id}' is a built-in benchmark; choose another id`);
  const gap = m.shards.findIndex((s, i) => s.name !== `val-${i}.tfrecords`);
  if (gap >= 0)
    return fail(`shards[${gap}].name`, `must be val-${gap}.tfrecords (shards are val-0 … val-N in order), got '${m.shards[gap].name}'`);
  const records = m.shards.reduce((a, s) => a + s.records, 0);
  if (records !== m.nImages) return fail("nImages", `must equal the shards' records (${records}), got ${m.nImages}`);
  if (m.classes.names && m.classes.names.length !== m.classes.count) {
    return fail("classes.names", `must list exactly classes.count (${m.classes.count}) names, got ${m.classes.names.length}`);
  }
  const newest = m.changelog[m.changelog.length - 1].version;
  if (newest !== m.version)
    return fail(
      `changelog[${m.changelog.length - 1}].version`,
      `must be the manifest's version ${m.version} (the newest entry comes last), got ${newest}`,
    );
  if (opts.sha256Hex) {
    const expected = opts.sha256Hex(shardSummary(m.shards));
    if (expected !== m.sha256)
      return fail("sha256", `must be the sha256 of the shard list (${expected}); the shards or the sha256 were edited`);
  }
  return { ok: true, manifest: m, definition: manifestToDefinition(m, file) };
}

const describe = (v: unknown) =>
  v === null
    ? "null"
    : Array.isArray(v)
      ? "an array"
      : typeof v === "string"
        ? `the string ${JSON.stringify(v.slice(0, 40))}`
        : `a ${typeof v}`;

function allowedKeys(path: PropertyKey[]): string[] {
  let schema: z.ZodType = BenchmarkManifestSchema;
  for (const p of path) {
    const def = (
      schema as unknown as { def: { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType } }
    ).def;
    if (def.type === "array" && def.element) schema = def.element;
    else if (def.shape && typeof p === "string" && def.shape[p]) schema = def.shape[p];
    else return [];
    while ((schema as unknown as { def: { innerType?: z.ZodType } }).def.innerType)
      schema = (schema as unknown as { def: { innerType: z.ZodType } }).def.innerType;
  }
  const shape = (schema as unknown as { def: { shape?: Record<string, unknown> } }).def.shape;
  return shape ? Object.keys(shape) : [];
}

/** The divisor of mean ρ: the ceiling, or 1 where there is none (the score is then the raw mean ρ). */
export function ceilingDivisor(c: ManifestCeiling): number {
  return c.kind === "none" ? 1 : c.value;
}

export function manifestToDefinition(m: BenchmarkManifest, file = ""): BenchmarkDefinition {
  const c = m.ceiling;
  const scoreLine =
    c.kind === "none"
      ? `Score: per image, the Spearman rank correlation (average ranks for ties) between the 224×224 saliency and human maps over all 50,176 pixels. This benchmark has no ceiling: its score is the raw mean ρ (${RAW_SCORE_LABEL}), not divided by a human ceiling, so it is not on the alignment scale of ClickMe.`
      : `Score: per image, the Spearman rank correlation (average ranks for ties) between the 224×224 saliency and human maps over all 50,176 pixels. Alignment = mean ρ / ${c.value} (${c.kind === "published" ? `the published human ceiling: ${c.source}` : `the split-half inter-rater ceiling computed from the per-rater maps: ${c.images} images, ${c.splits} random splits each, seed ${c.seed}, Spearman-Brown corrected from ${c.uncorrected.toFixed(5)}`}).`;
  return {
    id: m.id,
    version: m.version,
    title: m.title,
    summary: m.summary,
    protocol: [
      `Data: ${m.nImages} images in ${m.shards.length} ClickMe-format TFRecord shard${m.shards.length === 1 ? "" : "s"} (val-0 … val-${m.shards.length - 1}), declared by a manifest (sha256 ${m.sha256}); a worker evaluates it only when every shard matches its sha256.`,
      "Evaluated with exactly the ClickMe protocol: the same decoding, preprocessing (image 256→224; human map 256→64, the reference Gaussian blur, 64→224), explainer (gradient of the ground-truth logit, max over RGB of its absolute value) and scores.",
      scoreLine,
      "Also reported, not ranked: top-1 accuracy, Dice and IoU of the top 10% pixels of each map, and 95% bootstrap intervals over images (fixed seed, 1000 resamples).",
      ...m.protocol,
    ],
    dataset: {
      name: m.dataset.name,
      description: m.dataset.description,
      source: m.dataset.source,
      licence: m.licence,
      imagesShown: m.dataset.imagesShown,
      getData: {
        command: `npm run data:import-maps -- --images IMAGES --maps MAPS --labels LABELS.csv --id ${m.id} --version ${m.version}`,
        needsInternet: false,
      },
    },
    numClasses: m.classes.count,
    classSpace: m.classes.space,
    accuracyLabel: `top-1 accuracy (${m.classes.space})`,
    metrics: ["alignment", "spearman", "top1", "dice", "iou"],
    primaryMetric: "alignment",
    ceiling: ceilingDivisor(c),
    citation: { text: m.citation.text, bibtex: m.citation.bibtex, url: m.citation.url },
    changelog: m.changelog,
    comparableWithPaper: m.comparableWithPaper,
    manifest: { file, shards: m.shards, sha256: m.sha256, nImages: m.nImages, ceiling: c, classNames: m.classes.names ?? null },
  };
}

/** The ceiling a page or the API shows: null where the benchmark has none (its score is then the raw mean ρ). */
export function shownCeiling(b: Pick<BenchmarkDefinition, "ceiling" | "manifest">): number | null {
  return b.manifest?.ceiling.kind === "none" ? null : b.ceiling;
}

/** How a benchmark's ranked score reads: "alignment = mean ρ / 0.65753", or "no ceiling: raw mean ρ". */
export function scoreLabel(b: Pick<BenchmarkDefinition, "ceiling" | "manifest" | "psychophysics">): string {
  if (b.psychophysics) return "psychophysics score";
  if (b.manifest?.ceiling.kind === "none" || b.ceiling === null) return RAW_SCORE_LABEL;
  return `alignment = mean ρ / ${b.ceiling}`;
}
