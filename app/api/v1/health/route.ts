// GET /api/v1/health: the site and its database answer.
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/queries/db";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await (await getDb()).execute(sql`select 1`);
    return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    console.error(err);
    return Response.json({ ok: false, error: { code: "internal", message: "The database is not reachable." } }, { status: 503 });
  }
}
