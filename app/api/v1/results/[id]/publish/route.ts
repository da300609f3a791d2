// POST /api/v1/results/:id/publish: the owner makes a private result (and its model) public.
import { getRequestContext } from "@/lib/auth";
import { handlePublishResult } from "@/lib/api/publish";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return handlePublishResult(await getRequestContext(), req, (await params).id);
}
