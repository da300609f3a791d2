// /admin: moderation (hide, flag), the job queue (cancel, requeue) and workers' last heartbeats. Admins only;
// everyone else gets a 404, so the page's existence says nothing about who is an admin.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getRequestContext } from "@/lib/auth";
import { requireViewer } from "@/lib/auth/session";
import { listJobsForAdmin, listModelsForAdmin } from "@/lib/queries/admin";
import { listWorkerTokens } from "@/lib/queries/worker-tokens";
import { AdminJobs, AdminModels, AdminWorkers } from "@/components/admin/admin-tables";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const viewer = await requireViewer("/admin");
  if (viewer.role !== "admin") notFound();
  const { db } = await getRequestContext();
  const [models, jobs, workers] = await Promise.all([listModelsForAdmin(db), listJobsForAdmin(db), listWorkerTokens(db)]);
  return (
    <>
      <h1>Admin</h1>
      <h2>Workers</h2>
      <AdminWorkers workers={workers} />
      <h2>Jobs</h2>
      <AdminJobs jobs={jobs} />
      <h2>Models</h2>
      <AdminModels models={models} />
    </>
  );
}
