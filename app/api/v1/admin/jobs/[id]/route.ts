// POST /api/v1/admin/jobs/:id: cancel or requeue an evaluation job. Admins only.
import { getRequestContext } from "@/lib/auth";
import { handleAdminJob } from "@/lib/api/submissions-admin";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleAdminJob(await getRequestContext(), req, (await params).id);
}
