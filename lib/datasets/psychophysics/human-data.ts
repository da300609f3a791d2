/**
 * The human side of the psychophysics track, read from data_for_zahra.npz (the Serre lab's release): per-subject
 * image lists `ims`, one row per trial in `data_human`, column names in `columns` (including `Revelation` and
 * `correct`; Revelation 200 is the full image).
 */
import { FULL_IMAGE_REVELATION, LEVELS_WITHOUT_FULL } from "@/lib/metrics/psychophysics";
import { readNpz, NpyFormatError, type NpyArray } from "./npy";

export const HUMAN_DATA_FILE = "data_for_zahra.npz";

export type HumanData = { ims: string[][]; columns: string[]; rows: number[][] };

/** The human curve before normalisation: mean `correct` per Revelation level below the full image, in level order. */
export type HumanCurve = {
  revelation: number[];
  meanCorrect: number[];
  trials: number[];
  fullImageMeanCorrect: number | null;
  totalTrials: number;
};

function member(arrays: Map<string, NpyArray>, name: string, file: string): NpyArray {
  const a = arrays.get(name);
  if (!a) throw new NpyFormatError(`${file} has no '${name}' array (found: ${[...arrays.keys()].join(", ") || "none"})`);
  return a;
}

const asString = (v: unknown, what: string): string => {
  if (typeof v !== "string") throw new NpyFormatError(`${what} is not a string`);
  return v;
};

export async function readHumanData(file: string): Promise<HumanData> {
  const arrays = await readNpz(file);
  const ims = member(arrays, "ims", file);
  const data = member(arrays, "data_human", file);
  const columns = member(arrays, "columns", file);
  if (ims.kind !== "object") throw new NpyFormatError(`${file}: 'ims' is a ${ims.descr} array; expected per-subject lists (object array)`);
  const imageLists = ims.values.map((subject, i) => {
    if (!Array.isArray(subject)) throw new NpyFormatError(`${file}: ims[${i}] is not a list of image paths`);
    return subject.map((p, k) => asString(p, `${file}: ims[${i}][${k}]`));
  });
  const names = columns.kind === "number" ? null : columns.values.map((c, i) => asString(c, `${file}: columns[${i}]`));
  if (!names) throw new NpyFormatError(`${file}: 'columns' holds numbers; expected column names`);
  if (data.kind !== "number" || data.shape.length !== 2)
    throw new NpyFormatError(`${file}: 'data_human' must be a 2-D numeric array (trials × columns)`);
  const [n, width] = data.shape;
  if (width !== names.length) throw new NpyFormatError(`${file}: data_human has ${width} columns but 'columns' names ${names.length}`);
  const rows = Array.from({ length: n }, (_, r) => Array.from(data.values.subarray(r * width, (r + 1) * width)));
  return { ims: imageLists, columns: names, rows };
}

/**
 * Mean `correct` per Revelation value, the full image (200) set apart, levels in ascending order. The stimuli have
 * ten partial levels, so exactly ten distinct Revelation values below 200 are required.
 */
export function humanCurveOf(data: HumanData): HumanCurve {
  const rev = data.columns.indexOf("Revelation");
  const cor = data.columns.indexOf("correct");
  if (rev < 0 || cor < 0)
    throw new NpyFormatError(`human data needs the columns 'Revelation' and 'correct' (has: ${data.columns.join(", ")})`);
  const byLevel = new Map<number, { sum: number; n: number }>();
  for (const [i, row] of data.rows.entries()) {
    const level = row[rev];
    const correct = row[cor];
    if (!Number.isFinite(level) || !Number.isFinite(correct))
      throw new NpyFormatError(`human data row ${i}: Revelation ${level}, correct ${correct} (finite numbers needed)`);
    const s = byLevel.get(level) ?? { sum: 0, n: 0 };
    s.sum += correct;
    s.n += 1;
    byLevel.set(level, s);
  }
  const full = byLevel.get(FULL_IMAGE_REVELATION);
  const partial = [...byLevel.keys()].filter((l) => l !== FULL_IMAGE_REVELATION).sort((a, b) => a - b);
  if (partial.length !== LEVELS_WITHOUT_FULL) {
    throw new NpyFormatError(
      `human data has ${partial.length} Revelation levels below ${FULL_IMAGE_REVELATION} (${partial.join(", ")}); the stimuli have ${LEVELS_WITHOUT_FULL}`,
    );
  }
  return {
    revelation: partial,
    meanCorrect: partial.map((l) => byLevel.get(l)!.sum / byLevel.get(l)!.n),
    trials: partial.map((l) => byLevel.get(l)!.n),
    fullImageMeanCorrect: full ? full.sum / full.n : null,
    totalTrials: data.rows.length,
  };
}
