/**
 * The canonical serialisation that snapshot ids are computed from: JSON with object keys sorted by UTF-16 code
 * units, no whitespace, numbers printed by JavaScript (the shortest string that round-trips the double), and
 * `undefined` object members left out. Anything JSON cannot carry exactly (NaN, ±Infinity, a Date, a bigint,
 * an `undefined` array element) is refused rather than silently changed.
 */
import { createHash } from "node:crypto";

/**
 * Deeper nesting is refused before it can overflow the stack (30,000 levels did): a snapshot's content is a few
 * levels deep, and a cycle is caught here too.
 */
export const MAX_DEPTH = 1000;

export class CanonicalJsonError extends Error {
  constructor(
    path: string,
    what: string,
    allowed = "canonical JSON allows only null, booleans, finite numbers, strings, arrays and plain objects",
  ) {
    super(`Cannot serialise ${what} at ${path || "the root"}: ${allowed}.`);
    this.name = "CanonicalJsonError";
  }
}

export function canonicalJson(value: unknown): string {
  return write(value, "", 0);
}

function write(value: unknown, path: string, depth: number): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, String(value));
      // JSON.stringify(-0) is "0": the two are one value in JSON.
      return JSON.stringify(value);
    case "object": {
      if (depth >= MAX_DEPTH)
        throw new CanonicalJsonError(
          path.length > 80 ? `${path.slice(0, 80)}…` : path,
          `a value nested ${depth + 1} levels deep`,
          `canonical JSON nests at most ${MAX_DEPTH} levels`,
        );
      if (Array.isArray(value)) {
        return `[${value
          .map((v, i) => {
            if (v === undefined) throw new CanonicalJsonError(`${path}[${i}]`, "undefined");
            return write(v, `${path}[${i}]`, depth + 1);
          })
          .join(",")}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new CanonicalJsonError(path, `a ${proto?.constructor?.name ?? "non-plain"} object`);
      }
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v, path ? `${path}.${k}` : k, depth + 1)}`).join(",")}}`;
    }
    default:
      throw new CanonicalJsonError(path, typeof value);
  }
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Published ids are the first 16 hex digits (64 bits) of the content hash; the full hash is stored beside. */
export const SNAPSHOT_ID_LENGTH = 16;
export const SNAPSHOT_ID_PATTERN = /^[0-9a-f]{16}$/;

export function contentAddress(value: unknown): { json: string; hash: string; id: string } {
  const json = canonicalJson(value);
  const hash = sha256Hex(json);
  return { json, hash, id: hash.slice(0, SNAPSHOT_ID_LENGTH) };
}
