/**
 * Only same-site paths are followed after sign-in: "/models/x?benchmark=y" is; absolute URLs ("https://evil.example"),
 * protocol-relative ones ("//evil.example"), backslashes (browsers read "/\evil.example" as "//evil.example") and control
 * characters (browsers drop a tab or a line break, so "/\t/evil.example" would become "//evil.example") are not.
 */
export function safeNext(raw: string | string[] | undefined, fallback = "/submissions"): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  // The last word: resolved against some origin, the path must stay on it.
  const base = "http://same.invalid";
  return new URL(value, base).origin === base ? value : fallback;
}

export function configuredProviders(env: { GITHUB_CLIENT_ID?: string; ORCID_CLIENT_ID?: string }) {
  return { github: !!env.GITHUB_CLIENT_ID, orcid: !!env.ORCID_CLIENT_ID };
}
