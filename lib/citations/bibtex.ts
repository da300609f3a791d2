/** BibTeX writing: escaping and one entry from ordered fields. */

const SPECIAL: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

/** Escapes text for a brace-delimited BibTeX field (LaTeX specials become commands; braces stay balanced). */
export function escapeBibtex(text: string): string {
  return text.replace(/[\\{}&%$#_~^]/g, (c) => SPECIAL[c]);
}

/** A citation key from parts: ASCII letters, digits, '-' and ':' only, so every BibTeX tool accepts it. */
export function bibtexKey(...parts: (string | number)[]): string {
  return parts
    .map((p) =>
      String(p)
        .normalize("NFKD")
        .replace(/[^A-Za-z0-9:-]+/g, "-")
        .replace(/^-+|-+$/g, ""),
    )
    .filter(Boolean)
    .join("-");
}

/**
 * One entry. Values are already escaped (or raw for `url`, which BibTeX tools read verbatim); a value wrapped
 * in an extra pair of braces keeps its capitals.
 */
export function bibtexEntry(type: string, key: string, fields: [string, string | null | undefined][]): string {
  const present = fields.filter((f): f is [string, string] => typeof f[1] === "string" && f[1] !== "");
  const width = Math.max(...present.map(([k]) => k.length));
  const body = present.map(([k, v]) => `  ${k.padEnd(width)} = {${v}}`).join(",\n");
  return `@${type}{${key},\n${body}\n}`;
}
