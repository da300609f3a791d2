// POST /api/v1/jobs/:id/requeue: the model's owner or an admin runs a cancelled or failed evaluation again.
import { getRequestContext } from "@/lib/auth";
import { handleRequeueJob } from "@/lib/api/submissions-jobs";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRequeueJob(await getRequestContext(), req, (await params).id);
}
