/** CSL-JSON items (the citation-style-language schema that Zotero, Pandoc and citeproc read). */
export type CslName = { family: string; given: string } | { literal: string };

export type CslItem = {
  id: string;
  type: "dataset" | "paper-conference" | "software";
  title: string;
  author: CslName[];
  issued: { "date-parts": number[][] };
  /** A live view (the comparison page) is cited with the date it was read. */
  accessed?: { "date-parts": number[][] };
  URL?: string;
  publisher?: string;
  "container-title"?: string;
  volume?: string;
  note?: string;
  version?: string;
};

/**
 * The benchmark paper as CSL, read from its BibTeX fields (title, author, booktitle, volume, year), so the
 * registry keeps one source of truth.
 */
export function paperCsl(benchmarkId: string, paper: { bibtex: string; url: string }): CslItem {
  const field = (name: string) => paper.bibtex.match(new RegExp(`\\b${name}\\s*=\\s*\\{(.*)\\},?\\s*$`, "m"))?.[1] ?? "";
  const key = paper.bibtex.match(/^@\w+\{([^,]+),/)?.[1] ?? `${benchmarkId}-paper`;
  const authors: CslName[] = field("author")
    .split(/\s+and\s+/)
    .filter(Boolean)
    .map((a) => {
      const [family, given = ""] = a.split(",").map((s) => s.trim());
      return { family, given };
    });
  return {
    id: key,
    type: "paper-conference",
    title: field("title"),
    author: authors,
    "container-title": field("booktitle"),
    volume: field("volume") || undefined,
    issued: { "date-parts": [[Number(field("year"))]] },
    URL: paper.url,
  };
}
