// GET /api/v1/jobs/:id: an evaluation job's status (private models: owner and admins only).
import { getRequestContext } from "@/lib/auth";
import { handleGetJob } from "@/lib/api/submissions-jobs";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleGetJob(await getRequestContext(), req, (await params).id);
}
