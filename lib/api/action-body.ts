/**
 * The body of a small state-changing request (an action, an edit), as JSON or as an HTML form post, read with a size
 * limit: the declared length is checked before reading and the stream is cut past the limit, so no client can make
 * the server buffer more than that.
 */
import { AppError } from "@/lib/errors";

export const MAX_ACTION_BODY_BYTES = 64 * 1024;

async function readLimitedText(req: Request, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new AppError("payload_too_large", `The request body is over ${maxBytes / 1024} KiB; an action or edit needs far less.`);
  if (Number(req.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** An empty body is {}; a body that is neither a JSON object nor a form is a 400 saying what is accepted. */
export async function readActionBody(req: Request, maxBytes = MAX_ACTION_BODY_BYTES): Promise<Record<string, unknown>> {
  const type = req.headers.get("content-type") ?? "";
  const text = await readLimitedText(req, maxBytes);
  if (type.startsWith("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  if (text.trim() === "") return {};
  if (!type.startsWith("application/json")) {
    throw new AppError(
      "bad_request",
      "Send the body as JSON (Content-Type: application/json) or as an HTML form (application/x-www-form-urlencoded).",
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw new AppError("bad_request", "The request body must be a JSON object.");
  return parsed as Record<string, unknown>;
}
