/**
 * A client-supplied file name made safe to show and to use as one path segment: the last path component only,
 * letters, digits, '.', '_' and '-' kept (others become '_'), no leading dots, at most 100 characters.
 */
export function sanitizeFilename(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .normalize("NFKC")
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^[._]+/, "")
    .slice(-100);
  return cleaned.length > 0 && !/^[._-]*$/.test(cleaned) ? cleaned : "upload";
}
