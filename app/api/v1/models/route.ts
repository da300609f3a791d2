// GET /api/v1/models: public models, alphabetical, with q, family, page, page_size.
import { handleModels } from "@/lib/api/read-handlers";
import { getDb } from "@/lib/queries/db";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return handleModels(getDb(), new URL(req.url));
}
