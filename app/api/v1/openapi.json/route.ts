// GET /api/v1/openapi.json: the OpenAPI 3.1 description of the public read API.
import { cachedJson } from "@/lib/api/public-cache";
import { getEnv } from "@/lib/env";
import { openApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return cachedJson(req, openApiDocument(getEnv().PUBLIC_URL), "public, max-age=300");
}
