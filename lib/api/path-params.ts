import { AppError } from "@/lib/errors";

/** The largest value of a PostgreSQL `integer` (serial) column: every id in this schema. */
export const MAX_ID = 2_147_483_647;

/**
 * One path segment as text. Next may hand a segment over still percent-encoded when it is not valid UTF-8 (`%FF`,
 * the overlong `%C0%AE`), so any escape left is decoded here; what cannot be decoded, and a NUL (which PostgreSQL
 * text cannot hold), is a 400 naming the segment instead of a 500 from the database or the decoder.
 */
export function decodePathParam(raw: string, name: string): string {
  let value = raw;
  if (/%[0-9a-f]{2}/i.test(raw)) {
    try {
      value = decodeURIComponent(raw);
    } catch {
      throw new AppError("bad_request", `Path segment '${name}' is not valid percent-encoded UTF-8: '${raw}'.`);
    }
  }
  if (value.includes("\0")) throw new AppError("bad_request", `Path segment '${name}' contains a NUL byte.`);
  return value;
}

/**
 * The one id parser: canonical decimal only (no sign, leading zero, exponent, hex or whitespace), 400 otherwise;
 * a well-formed id past the column's range names no row, so it is a 404 like any other missing id.
 */
export function parseIdParam(raw: string, what: string): number {
  const text = decodePathParam(raw, `${what} id`);
  if (!/^[1-9][0-9]*$/.test(text)) {
    throw new AppError("bad_request", `Invalid ${what} id '${text}': expected a positive decimal integer (no sign, leading zeros or hex).`);
  }
  if (text.length > 10 || Number(text) > MAX_ID) throw new AppError("not_found", `No ${what} ${text}: ${what} ids stop at ${MAX_ID}.`);
  return Number(text);
}

/** A page's path segment, or null when a page should answer 404 (bad encoding, NUL). */
export function pagePathParam(raw: string): string | null {
  try {
    return decodePathParam(raw, "path");
  } catch {
    return null;
  }
}

export const parseJobId = (raw: string): number => parseIdParam(raw, "job");
