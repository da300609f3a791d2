/**
 * Why a relative path from untrusted input (a manifest path, a zip entry name) is unsafe, or null when it is a
 * plain relative path: forward slashes only, no empty, "." or ".." segments, not absolute, no drive letter.
 */
export function unsafePathReason(p: string): string | null {
  if (p.length === 0) return "is empty";
  if (p.length > 1024) return "is longer than 1024 characters";
  if (/[\u0000-\u001f\u007f]/.test(p)) return "contains control characters";
  if (p.includes("\\")) return "contains a backslash (only '/' separates folders)";
  if (/^[A-Za-z]:/.test(p)) return "starts with a drive letter (only relative paths are allowed)";
  if (p.startsWith("/")) return "is absolute (only relative paths are allowed)";
  const segments = p.split("/");
  if (segments.includes("..")) return "contains a '..' segment (paths may not leave the upload)";
  if (segments.some((s, i) => s === "" && i !== segments.length - 1) || segments.includes("."))
    return "contains an empty or '.' segment";
  if (segments.some((s) => s.length > 255)) return "has a name longer than 255 characters";
  return null;
}
