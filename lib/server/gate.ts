/** What the public API gate (lib/api/public-gate.ts) tells the front: answer now, or pass with these headers. */
export type GateResult = { respond: Response } | { headers: Record<string, string> };
