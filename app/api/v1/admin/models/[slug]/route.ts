// POST /api/v1/admin/models/:slug: hide, unhide, flag (with a public reason) or unflag a model. Admins only.
import { getRequestContext } from "@/lib/auth";
import { handleAdminModel } from "@/lib/api/submissions-admin";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  return handleAdminModel(await getRequestContext(), req, (await params).slug);
}
