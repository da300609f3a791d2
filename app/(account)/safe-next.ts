/** Only same-site paths are followed after sign-in ("//evil.example" and absolute URLs are not). */
export function safeNext(raw: string | string[] | undefined, fallback = "/submissions"): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : fallback;
}

export function configuredProviders(env: { GITHUB_CLIENT_ID?: string; ORCID_CLIENT_ID?: string }) {
  return { github: !!env.GITHUB_CLIENT_ID, orcid: !!env.ORCID_CLIENT_ID };
}
