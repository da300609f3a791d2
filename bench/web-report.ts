import fs from "node:fs";

/**
 * Replaces (or appends) the block between `<!-- bench:ID:start -->` and `<!-- bench:ID:end -->` of a markdown
 * file, leaving the other scripts' blocks alone.
 */
export function replaceSection(file: string, id: string, body: string): void {
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const start = `<!-- bench:${id}:start -->`;
  const end = `<!-- bench:${id}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  const next = i !== -1 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.replace(/\n*$/, "\n\n")}${block}\n`;
  fs.writeFileSync(file, next);
}
