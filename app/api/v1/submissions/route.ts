// POST /api/v1/submissions: upload a TF.js model (one .zip, or model.json + shards) with its metadata.
import { getRequestContext } from "@/lib/auth";
import { handleCreateSubmission } from "@/lib/api/submissions";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  const env = getEnv();
  return handleCreateSubmission(
    { ...(await getRequestContext()), dataDir: env.DATA_DIR, maxUploadBytes: env.MAX_UPLOAD_BYTES, submissionsPerDay: env.SUBMISSIONS_PER_DAY },
    req,
  );
}
