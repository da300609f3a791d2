// POST /api/v1/models/:slug/publish: the owner makes a private model and its current results public.
import { getRequestContext } from "@/lib/auth";
import { handlePublishModel } from "@/lib/api/publish";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  return handlePublishModel(await getRequestContext(), req, (await params).slug);
}
