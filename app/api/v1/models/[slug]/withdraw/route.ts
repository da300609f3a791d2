// POST /api/v1/models/:slug/withdraw: the owner (or an admin) takes a public model off the live boards, with a reason.
import { getRequestContext } from "@/lib/auth";
import { handleWithdrawModel } from "@/lib/api/model-edits";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  return handleWithdrawModel(await getRequestContext(), req, (await params).slug);
}
