import fs from "node:fs";

/** Replaces (or appends) the `## title` section of a markdown file, leaving other sections alone. */
export function replaceSection(file: string, title: string, body: string): void {
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const heading = `## ${title}`;
  const section = `${heading}\n\n${body.trim()}\n`;
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start === -1) {
    fs.writeFileSync(file, `${text.replace(/\n*$/, "\n\n")}${section}`);
    return;
  }
  let end = lines.findIndex((l, i) => i > start && l.startsWith("## "));
  if (end === -1) end = lines.length;
  const before = lines.slice(0, start).join("\n");
  const after = lines.slice(end).join("\n");
  fs.writeFileSync(file, `${before}\n${section}${after ? `\n${after}` : ""}`.replace(/^\n/, ""));
}
