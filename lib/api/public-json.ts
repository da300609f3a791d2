/** Response helpers of the public read API (/api/v1): cacheable JSON, the error envelope, strict parameters. */
import { AppError } from "@/lib/errors";
import type { QueryParamError } from "@/lib/leaderboard/filters";

export const DEMO_NOTICE =
  "Rows with is_demo=true are demo data: generated placeholders so the site is not empty, not measured scores " + "of any real model.";

export function publicJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "public, max-age=30" } });
}

/** A 400 naming every bad parameter; the message leads with the first. */
export function badParams(errors: QueryParamError[]): AppError {
  const message = errors.length === 1 ? errors[0].message : `${errors[0].message} (and ${errors.length - 1} more)`;
  return new AppError("bad_request", message, { params: errors });
}

export { answer } from "./route-errors";

export function withDemoNotice<T extends object>(body: T, hasDemo: boolean): T & { notice?: string } {
  return hasDemo ? { notice: DEMO_NOTICE, ...body } : body;
}
