// POST /api/v1/models/:slug/reinstate: a withdrawn model goes back on the boards (whoever withdrew it, or an admin).
import { getRequestContext } from "@/lib/auth";
import { handleReinstateModel } from "@/lib/api/model-edits";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  return handleReinstateModel(await getRequestContext(), req, (await params).slug);
}
