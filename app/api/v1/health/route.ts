// GET /api/v1/health: the site and its database answer.
import { getDb } from "@/lib/queries/db";
import { pingDatabase } from "@/lib/queries/health";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await pingDatabase(await getDb());
    return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    console.error(err);
    return Response.json({ ok: false, error: { code: "internal", message: "The database is not reachable." } }, { status: 503 });
  }
}
