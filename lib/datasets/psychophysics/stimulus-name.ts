/**
 * Stimulus file names: `<level>_<class words joined by _><sample digit>.png`, e.g. `10_great_white_shark3.png`.
 * The level is one of 0, 10, …, 90, full (11 levels, revealed fractions logspace(0, 2, 11) %); the class words,
 * joined without the underscores, are what the class resolver matches ("greatwhiteshark").
 */
import { LEVEL_NAMES, REVEALED_PERCENT, type LevelName } from "@/lib/metrics/psychophysics";

export type StimulusName = {
  fileName: string;
  level: LevelName;
  /** 0..10 in LEVEL_NAMES order (10 = the full image). */
  levelIndex: number;
  revealedPercent: number;
  classWords: string[];
  /** The class words joined without separators, lower-cased: the resolver's key. */
  classKey: string;
  sample: number;
};

const NAME = /^(0|10|20|30|40|50|60|70|80|90|full)_([A-Za-z][A-Za-z'-]*(?:_[A-Za-z][A-Za-z'-]*)*)(\d)\.png$/;

export class StimulusNameError extends Error {
  constructor(fileName: string) {
    super(
      `'${fileName}' is not a stimulus name: expected <level>_<class words joined by _><sample digit>.png with level ` +
        `one of ${LEVEL_NAMES.join(", ")} (e.g. 10_great_white_shark3.png)`,
    );
    this.name = "StimulusNameError";
  }
}

export function parseStimulusName(fileName: string): StimulusName {
  const m = NAME.exec(fileName);
  if (!m) throw new StimulusNameError(fileName);
  const level = m[1] as LevelName;
  const levelIndex = LEVEL_NAMES.indexOf(level);
  const classWords = m[2].split("_");
  return {
    fileName,
    level,
    levelIndex,
    revealedPercent: REVEALED_PERCENT[levelIndex],
    classWords,
    classKey: classWords.join("").toLowerCase(),
    sample: Number(m[3]),
  };
}
