/**
 * Class words of a stimulus file name → a class index, the way the authors' resolver does it: every synonym of every
 * class description, lower-cased with spaces removed ("great white shark" → "greatwhiteshark"), maps to its class.
 * A synonym shared by two classes resolves to the later one, as the reference's dictionary does ("panther" names both
 * 286 cougar and 290 jaguar: 290); `candidates` keeps both. Unknown words are an error naming them.
 */
import { IMAGENET_SYNSETS } from "@/lib/benchmarks/imagenet-synsets";

export type ClassResolver = {
  /** The class index for joined class words ("greatwhiteshark"); throws on a key no synonym matches. */
  resolve(key: string): number;
  candidates(key: string): number[];
  numClasses: number;
};

export class UnknownClassError extends Error {
  constructor(
    readonly key: string,
    space: string,
  ) {
    super(
      `The class words '${key}' match no synonym of the ${space} classes (synonyms are matched lower-cased, without spaces, e.g. 'greatwhiteshark')`,
    );
    this.name = "UnknownClassError";
  }
}

export const synonymKey = (s: string) => s.replace(/ /g, "").toLowerCase();

/** descriptions[i]: the comma-separated synonyms of class i. */
export function classResolver(descriptions: readonly string[], space: string): ClassResolver {
  const index = new Map<string, number[]>();
  descriptions.forEach((desc, i) => {
    for (const synonym of desc.split(",")) {
      const key = synonymKey(synonym);
      if (!key) continue;
      const list = index.get(key) ?? [];
      if (!list.includes(i)) list.push(i);
      index.set(key, list);
    }
  });
  return {
    numClasses: descriptions.length,
    candidates: (key) => [...(index.get(synonymKey(key)) ?? [])],
    resolve(key) {
      const found = index.get(synonymKey(key));
      if (!found) throw new UnknownClassError(key, space);
      return found[found.length - 1];
    },
  };
}

let imagenet: ClassResolver | null = null;

/** ImageNet-1k: the wnid is dropped, the synonyms kept. */
export function imagenetResolver(): ClassResolver {
  imagenet ??= classResolver(
    IMAGENET_SYNSETS.map((line) => line.slice(line.indexOf(" ") + 1)),
    "ImageNet-1k",
  );
  return imagenet;
}
