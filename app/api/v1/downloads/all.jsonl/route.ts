// GET /api/v1/downloads/all.jsonl: every current public evaluation of every benchmark version, streamed as JSON Lines.
import { handleDumpJsonl } from "@/lib/api/public-downloads";
import { getDb } from "@/lib/queries/db";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return handleDumpJsonl(getDb(), req);
}
