// POST /api/v1/submissions: upload a model (TF.js or ONNX: one .zip, or its files) with its metadata.
import { getRequestContext } from "@/lib/auth";
import { handleCreateSubmission } from "@/lib/api/submissions";
import { REJECTION_WINDOW_MS } from "@/lib/api/submission-rejections";
import { SlidingWindowLimiter } from "@/lib/auth/rate-limit";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

// One counter of refused uploads per web process (`next dev` re-evaluates modules; it lives on globalThis).
const globalForLimiter = globalThis as unknown as { __rejectedUploads?: SlidingWindowLimiter };
const rejectedUploads = (globalForLimiter.__rejectedUploads ??= new SlidingWindowLimiter(
  getEnv().REJECTED_UPLOADS_PER_HOUR,
  REJECTION_WINDOW_MS,
));

export async function POST(req: Request) {
  const env = getEnv();
  return handleCreateSubmission(
    {
      ...(await getRequestContext()),
      dataDir: env.DATA_DIR,
      maxUploadBytes: env.MAX_UPLOAD_BYTES,
      submissionsPerDay: env.SUBMISSIONS_PER_DAY,
      rejectedUploads,
    },
    req,
  );
}
