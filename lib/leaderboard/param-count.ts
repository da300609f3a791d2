/** Parameter counts in URLs: plain integers or a K/M/B suffix ("25M", "1.2B"), so filters stay readable. */
const UNITS: [string, number][] = [
  ["B", 1e9],
  ["M", 1e6],
  ["K", 1e3],
];
const MAX_PARAMS = 1e13;

export function parseParamCount(raw: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmb])?\s*$/i.exec(raw);
  if (!m) return null;
  const unit = m[2] ? UNITS.find(([u]) => u === m[2].toUpperCase())![1] : 1;
  const n = Math.round(Number(m[1]) * unit);
  return Number.isFinite(n) && n <= MAX_PARAMS ? n : null;
}

/** The shortest exact form: 25000000 → "25M", 1200000000 → "1.2B", 25557032 → "25557032". */
export function formatParamCount(n: number): string {
  let best = String(n);
  for (const [suffix, unit] of UNITS) {
    const scaled = Number((n / unit).toFixed(3));
    const candidate = `${scaled}${suffix}`;
    if (n >= unit && Math.round(scaled * unit) === n && candidate.length < best.length) best = candidate;
  }
  return best;
}
