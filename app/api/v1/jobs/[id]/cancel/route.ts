// POST /api/v1/jobs/:id/cancel: the model's owner or an admin cancels a queued or running job.
import { getRequestContext } from "@/lib/auth";
import { handleCancelJob } from "@/lib/api/submissions-jobs";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleCancelJob(await getRequestContext(), req, (await params).id);
}
